import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Writes a short looping y4m clip for Chromium's fake camera (--use-file-for-fake-video-capture):
 * a fixed fine texture the encoder has to spend bits on, with a bright square moving across it
 * so every frame changes. ffmpeg is not on every machine here; y4m is raw I420 behind a one-line
 * header, so Node writes it directly. Returns the path (reused when it already exists).
 */
export function fakeCameraFile(width: number, height: number, frames = 30): string {
  const file = path.join(os.tmpdir(), `ygav-fake-camera-${width}x${height}-${frames}.y4m`);
  if (fs.existsSync(file)) return file;
  const lumaSize = width * height;
  const chroma = Buffer.alloc(lumaSize / 2, 128);
  const texture = Buffer.alloc(lumaSize);
  let seed = 1;
  for (let i = 0; i < lumaSize; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    texture[i] = 60 + ((i % width) * 100) / width + (seed % 40);
  }
  const chunks: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`)];
  const side = Math.round(height / 4);
  for (let frame = 0; frame < frames; frame++) {
    const luma = Buffer.from(texture);
    const left = Math.round(((width - side) * frame) / frames);
    for (let y = side; y < 2 * side; y++) luma.fill(235, y * width + left, y * width + left + side);
    chunks.push(Buffer.from("FRAME\n"), luma, chroma);
  }
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, Buffer.concat(chunks));
  fs.renameSync(partial, file);
  return file;
}
