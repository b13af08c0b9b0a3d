// What the console really receives, from the browser's own counters: every 2 s, each inbound
// video stream's framesDecoded, and how many <video> elements are on screen. A tile's rate is its
// decoded frames over time, per slice and over the whole window, not the page's text.
//
// The counters come from one getStats() per peer connection (the init script below keeps the
// page's connections) rather than window.__ygavCall.inboundVideoStats(), which asks each
// consumer's receiver in turn: one report per reading instead of 50. Measured at 50 tiles, the
// difference to the page is small (main thread 21 % vs 24 % of a core, within this machine's
// noise); `--stats consumers` samples the other way. mediasoup-client's bandwidth probe (mid
// "probator") is left out, as in inboundVideoStats().
import type { BrowserContext, Page } from "@playwright/test";

/** Before any page script: remember every RTCPeerConnection the page makes. */
export async function keepPeerConnections(context: BrowserContext): Promise<void> {
  // A string, not a function: tsx would wrap a class in its __name() helper, unknown to the page.
  await context.addInitScript({
    content: `(() => {
      globalThis.__name ??= (f) => f;
      const Native = window.RTCPeerConnection;
      const kept = (window.__benchPeerConnections = []);
      window.RTCPeerConnection = class extends Native {
        constructor(...args) {
          super(...args);
          kept.push(this);
        }
      };
    })();`,
  });
}

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
  /** The receiving track's id (inbound-rtp trackIdentifier). */
  peerId: string;
  /** The stream's SSRC. */
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

/** "pc": one getStats per peer connection; "consumers": window.__ygavCall.inboundVideoStats() (to show its cost). */
export type StatsSource = "pc" | "consumers";

const read = (page: Page, source: StatsSource): Promise<Reading> =>
  page.evaluate(async (source) => {
    const probe = (window as unknown as { __ygavCall?: { state(): { phase: string }; inboundVideoStats(): Promise<InboundVideo[]> } }).__ygavCall;
    const connections = (window as unknown as { __benchPeerConnections?: RTCPeerConnection[] }).__benchPeerConnections ?? [];
    const stats: InboundVideo[] = source === "consumers" && probe ? await probe.inboundVideoStats() : [];
    for (const pc of source === "pc" ? connections : []) {
      if (pc.connectionState === "closed") continue;
      const report = await pc.getStats();
      report.forEach((s: { type: string; kind?: string; mid?: string; ssrc?: number; framesDecoded?: number; framesPerSecond?: number; frameHeight?: number; trackIdentifier?: string }) => {
        if (s.type !== "inbound-rtp" || s.kind !== "video" || s.mid === "probator") return;
        stats.push({
          consumerId: `${s.ssrc}`,
          peerId: s.trackIdentifier ?? `${s.ssrc}`,
          framesDecoded: s.framesDecoded ?? 0,
          framesPerSecond: s.framesPerSecond ?? 0,
          frameHeight: s.frameHeight ?? 0,
        });
      });
    }
    const videos = [...document.querySelectorAll("video")];
    const onScreen = videos.filter((v) => {
      const r = v.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
    });
    return { at: performance.now(), phase: probe?.state().phase ?? "none", stats, videosOnScreen: onScreen.length, videos: videos.length };
  }, source);

export interface SampleOptions {
  /** Between readings: each one is a getStats per consumer, itself work for the page. */
  intervalSeconds?: number;
  /** minSliceFps is taken over slices this long. */
  sliceSeconds?: number;
  /** Runs while sampling (e.g. the marks). */
  during?: () => Promise<void>;
  source?: StatsSource;
}

export async function sampleTiles(page: Page, seconds: number, { intervalSeconds = 2, sliceSeconds = 10, during, source = "pc" }: SampleOptions = {}): Promise<SampleResult> {
  const readings: Reading[] = [await read(page, source)];
  const work = during?.();
  const end = readings[0]!.at + seconds * 1000;
  while (readings[readings.length - 1]!.at < end) {
    await new Promise((resolve) => setTimeout(resolve, intervalSeconds * 1000));
    readings.push(await read(page, source));
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
