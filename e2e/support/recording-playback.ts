import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

// A recorded session as an officer checks it: its archived files (each original downloaded and
// held against its archived SHA-256) and the playback page's two players on one clock.

export type RecordingItem = { id: string; identity: string; kind: string; codec: string; sha256: string; firstPacketAt: string; durationMs: number; endReason: string; gap: unknown };

/** Fetches an original as its officer would into `dir`; its bytes must be the archive's hash. */
export async function downloadOriginal(api: APIRequestContext, item: RecordingItem, dir: string): Promise<string> {
  const response = await api.get(`/api/v1/recordings/${item.id}/file`);
  expect(response.status()).toBe(200);
  const bytes = await response.body();
  expect(response.headers()["x-content-sha256"]).toBe(item.sha256);
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(item.sha256);
  const file = path.join(dir, `${item.id}.${item.codec.endsWith("H264") ? "mkv" : "webm"}`);
  writeFileSync(file, bytes);
  return file;
}

/** Each playback video's position on the session's clock, read in one go. */
export const videoClock = (page: Page) =>
  page.getByTestId("playback-video").evaluateAll((videos) =>
    (videos as HTMLVideoElement[]).map((video) => ({
      visible: getComputedStyle(video).visibility !== "hidden",
      playing: !video.paused && !video.seeking && video.readyState >= 3,
      atMs: Number(video.dataset.offsetMs) + video.currentTime * 1000,
      frames: video.getVideoPlaybackQuality().totalVideoFrames,
    })),
  );

/** Samples the two sides while they play, 400 ms apart (spread over 3 s of playing): every sample within 100 ms of each other. */
export async function expectInSync(page: Page, samples = 8): Promise<number[]> {
  const spreads: number[] = [];
  for (let i = 0; i < samples * 3 && spreads.length < samples; i++) {
    const live = (await videoClock(page)).filter((video) => video.visible && video.playing);
    if (live.length === 2) spreads.push(Math.round(Math.abs(live[0]!.atMs - live[1]!.atMs)));
    await page.waitForTimeout(400);
  }
  expect(spreads.length, `samples with both playing: ${spreads.join(", ")}`).toBe(samples);
  expect(Math.max(...spreads), `spreads (ms): ${spreads.join(", ")}`).toBeLessThanOrEqual(100);
  return spreads;
}
