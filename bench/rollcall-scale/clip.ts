// The synthetic publishers' picture: a short VP8 clip that Chromium itself encodes (WebCodecs,
// libvpx in software), so that the frames the console decodes are real VP8 at the size and rate
// of the low simulcast layer. No video tool is needed beyond the browser the bench runs anyway.
import fs from "node:fs";
import type { Browser } from "@playwright/test";
import type { EncodedClip } from "../sfu/vp8-stream.ts";

export interface ClipSpec {
  width: number;
  height: number;
  fps: number;
  bitrate: number;
  seconds: number;
}

/** Encodes the clip in a page of `browser` (WebCodecs needs a secure context: a 127.0.0.1 page is one). */
export async function encodeClip(browser: Browser, secureUrl: string, spec: ClipSpec): Promise<EncodedClip> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(secureUrl);
    // tsx (esbuild keepNames) wraps named functions in __name(): give the page a no-op one.
    await page.evaluate("globalThis.__name ??= (f) => f");
    const frames = await page.evaluate(async ({ width, height, fps, bitrate, seconds }) => {
      const chunks: Array<{ key: boolean; data: string }> = [];
      let failure: unknown = null;
      const encoder = new VideoEncoder({
        output: (chunk) => {
          const bytes = new Uint8Array(chunk.byteLength);
          chunk.copyTo(bytes);
          let binary = "";
          for (const b of bytes) binary += String.fromCharCode(b);
          chunks.push({ key: chunk.type === "key", data: btoa(binary) });
        },
        error: (error) => (failure = error),
      });
      encoder.configure({ codec: "vp8", width, height, bitrate, framerate: fps, latencyMode: "realtime" });
      const canvas = new OffscreenCanvas(width, height);
      const g = canvas.getContext("2d")!;
      const count = Math.round(seconds * fps);
      for (let i = 0; i < count; i++) {
        // Moving content, so delta frames are not empty: a sweeping gradient, a bouncing box and
        // the frame number (a camera's picture changes everywhere; this is a light stand-in).
        const t = i / count;
        const gradient = g.createLinearGradient(0, 0, width, height);
        gradient.addColorStop(0, `hsl(${Math.round(360 * t)}, 60%, 45%)`);
        gradient.addColorStop(1, `hsl(${Math.round(360 * t + 120)}, 60%, 35%)`);
        g.fillStyle = gradient;
        g.fillRect(0, 0, width, height);
        g.fillStyle = "#fff";
        const x = (Math.sin(2 * Math.PI * t * 3) * 0.4 + 0.5) * (width - 40);
        g.fillRect(x, height / 2 - 20, 40, 40);
        g.font = `${Math.round(height / 6)}px sans-serif`;
        g.fillText(String(i).padStart(3, "0"), 8, height / 5);
        const frame = new VideoFrame(canvas, { timestamp: Math.round((i * 1_000_000) / fps), duration: Math.round(1_000_000 / fps) });
        encoder.encode(frame, { keyFrame: i === 0 });
        frame.close();
      }
      await encoder.flush();
      encoder.close();
      if (failure) throw new Error(String(failure));
      return chunks;
    }, spec);
    if (!frames[0]?.key) throw new Error("the encoder's first frame is not a keyframe");
    return { fps: spec.fps, width: spec.width, height: spec.height, frames: frames.map((f) => ({ key: f.key, data: Buffer.from(f.data, "base64") })) };
  } finally {
    await context.close();
  }
}

/** Written for the load generator (a child process), in the format its readClip() takes. */
export function writeClip(clip: EncodedClip, file: string): void {
  fs.writeFileSync(file, JSON.stringify({ ...clip, frames: clip.frames.map((f) => ({ key: f.key, data: f.data.toString("base64") })) }));
}

/** Bits per second of the clip's VP8 payload (RTP/UDP/IP headers not included). */
export function clipBitrate(clip: EncodedClip): number {
  const bytes = clip.frames.reduce((n, f) => n + f.data.length, 0);
  return (bytes * 8 * clip.fps) / clip.frames.length;
}
