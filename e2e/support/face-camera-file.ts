import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { facePortrait } from "./face-portraits.ts";
import { mirror, resizeTo, type RgbaImage } from "../../web/lib/faces/testing/rgba-image.ts";

const WIDTH = 640;
const HEIGHT = 480;
const FPS = 10;

/**
 * A y4m clip for Chromium's fake camera that answers "turn your head left": a portrait from the
 * face-api demo photo (npm package) facing one way for the first 3 s, then its mirror image (the
 * head turned the other way) for 5 s, looping every 8 s. Written from Node (RGBA → I420).
 */
export function headTurnCameraFile(): string {
  const file = path.join(os.tmpdir(), `ygav-face-turn-${WIDTH}x${HEIGHT}.y4m`);
  if (fs.existsSync(file)) return file;
  const face = resizeTo(facePortrait("a"), 360);
  const straight = toI420(onCanvas(face));
  const turned = toI420(onCanvas(mirror(face)));
  const chunks: Buffer[] = [Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`)];
  for (let frame = 0; frame < 8 * FPS; frame++) chunks.push(Buffer.from("FRAME\n"), frame < 3 * FPS ? straight : turned);
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, Buffer.concat(chunks));
  fs.renameSync(partial, file);
  return file;
}

function onCanvas(face: RgbaImage): RgbaImage {
  const data = new Uint8Array(WIDTH * HEIGHT * 4).fill(110);
  const x0 = Math.round((WIDTH - face.width) / 2);
  const y0 = Math.round((HEIGHT - face.height) / 2);
  for (let y = 0; y < face.height; y++) data.set(face.data.subarray(y * face.width * 4, (y + 1) * face.width * 4), ((y0 + y) * WIDTH + x0) * 4);
  return { width: WIDTH, height: HEIGHT, data };
}

/** BT.601 full-range RGB → I420 (what C420jpeg means). */
function toI420(image: RgbaImage): Buffer {
  const { width, height, data } = image;
  const out = Buffer.alloc((width * height * 3) / 2);
  const u = width * height;
  const v = u + u / 4;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      out[y * width + x] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      if (y % 2 === 0 && x % 2 === 0) {
        const c = (y / 2) * (width / 2) + x / 2;
        out[u + c] = Math.max(0, Math.min(255, Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b)));
        out[v + c] = Math.max(0, Math.min(255, Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)));
      }
    }
  }
  return out;
}
