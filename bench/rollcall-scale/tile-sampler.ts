// What the console really receives, from the browser's own counters: every 2 s, each video
// consumer's framesDecoded (getStats, through window.__ygavCall; the probator stream is already
// left out there), and how many <video> elements are on screen. A tile's rate is its decoded
// frames over time, per slice and over the whole window, not the page's text.
import type { Page } from "@playwright/test";

interface InboundVideo {
  consumerId: string;
  peerId: string;
  framesDecoded: number;
  framesPerSecond: number;
  frameHeight: number;
}

interface Reading {
  at: number;
  phase: string;
  stats: InboundVideo[];
  videosOnScreen: number;
  videos: number;
}

export interface TileFigures {
  peerId: string;
  consumerId: string;
  /** Decoded frames per second over the whole window. */
  fps: number;
  /** The lowest rate over any slice of the window (a stall shows here). */
  minSliceFps: number;
  frameHeight: number;
}

export interface SampleResult {
  seconds: number;
  consumers: number;
  /** Consumers whose framesDecoded increased during the window. */
  receiving: number;
  tiles: TileFigures[];
  videosOnScreen: { min: number; max: number };
  videos: number;
  /** Call phases seen in the readings (anything but "joined" means the page lost the call). */
  phases: string[];
  /** Consumers that were replaced during the window (a rejoin or a new receiving transport). */
  replacedConsumers: number;
}

const read = (page: Page): Promise<Reading> =>
  page.evaluate(async () => {
    const probe = (window as unknown as { __ygavCall?: { state(): { phase: string }; inboundVideoStats(): Promise<InboundVideo[]> } }).__ygavCall;
    const stats = probe ? await probe.inboundVideoStats() : [];
    const videos = [...document.querySelectorAll("video")];
    const onScreen = videos.filter((v) => {
      const r = v.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
    });
    return { at: performance.now(), phase: probe?.state().phase ?? "none", stats, videosOnScreen: onScreen.length, videos: videos.length };
  });

export interface SampleOptions {
  /** Between readings: each one is a getStats per consumer, itself work for the page. */
  intervalSeconds?: number;
  /** minSliceFps is taken over slices this long. */
  sliceSeconds?: number;
  /** Runs while sampling (e.g. the marks). */
  during?: () => Promise<void>;
}

export async function sampleTiles(page: Page, seconds: number, { intervalSeconds = 2, sliceSeconds = 10, during }: SampleOptions = {}): Promise<SampleResult> {
  const readings: Reading[] = [await read(page)];
  const work = during?.();
  const end = readings[0]!.at + seconds * 1000;
  while (readings[readings.length - 1]!.at < end) {
    await new Promise((resolve) => setTimeout(resolve, intervalSeconds * 1000));
    readings.push(await read(page));
  }
  await work;
  const first = readings[0]!;
  const last = readings[readings.length - 1]!;
  const frames = (r: Reading, id: string) => r.stats.find((s) => s.consumerId === id)?.framesDecoded;
  const step = Math.max(1, Math.round(sliceSeconds / intervalSeconds));
  const slices: Array<[Reading, Reading]> = [];
  for (let i = 0; i + step < readings.length; i += step) slices.push([readings[i]!, readings[i + step]!]);
  if (slices.length === 0) slices.push([first, last]);
  const tiles: TileFigures[] = [];
  let receiving = 0;
  for (const s of last.stats) {
    const start = frames(first, s.consumerId) ?? 0;
    if (s.framesDecoded > start) receiving++;
    const rate = (a: Reading, b: Reading) => ((frames(b, s.consumerId) ?? 0) - (frames(a, s.consumerId) ?? 0)) / ((b.at - a.at) / 1000);
    tiles.push({
      peerId: s.peerId,
      consumerId: s.consumerId,
      fps: rate(first, last),
      minSliceFps: Math.min(...slices.map(([a, b]) => rate(a, b))),
      frameHeight: s.frameHeight,
    });
  }
  const onScreen = readings.map((r) => r.videosOnScreen);
  return {
    seconds: (last.at - first.at) / 1000,
    consumers: last.stats.length,
    receiving,
    tiles,
    videosOnScreen: { min: Math.min(...onScreen), max: Math.max(...onScreen) },
    videos: last.videos,
    phases: [...new Set(readings.map((r) => r.phase))],
    replacedConsumers: first.stats.filter((s) => !last.stats.some((l) => l.consumerId === s.consumerId)).length,
  };
}
