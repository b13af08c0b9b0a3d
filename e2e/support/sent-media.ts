import type { Page } from "@playwright/test";

// How much a page's own camera and microphone sent, from the sender's getStats (outbound-rtp):
// the figure a recording's frame count is held against. The page samples its own counters every
// 250 ms and keeps the series, because a room that ends closes the page's connections soon after
// (and what the page sends between the node's end and its own teardown goes nowhere): a spec reads
// the counters as they stood at the moment the node ended the room, interpolated between samples.
// Needs `recordPeerConnections` on the context first.

export interface SentCounts {
  /** Epoch ms of the sample. */
  at: number;
  /** Video frames the encoder produced and the frames that went out, summed over the page's senders. */
  framesEncoded: number;
  framesSent: number;
  /** Audio RTP packets sent (one Opus frame each). */
  audioPacketsSent: number;
}

/** Starts the page's sampler (idempotent). */
export async function startCountingSent(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __ygavPcs?: RTCPeerConnection[]; __ygavSent?: SentCounts[]; __ygavSentTimer?: number };
    if (w.__ygavSentTimer) return;
    w.__ygavSent = [];
    const sample = async () => {
      const now = { at: Date.now(), framesEncoded: 0, framesSent: 0, audioPacketsSent: 0 };
      for (const pc of w.__ygavPcs ?? []) {
        if (pc.connectionState === "closed") continue;
        (await pc.getStats()).forEach((s: Record<string, unknown>) => {
          if (s.type !== "outbound-rtp") return;
          if (s.kind === "video") {
            now.framesEncoded += Number(s.framesEncoded ?? 0);
            now.framesSent += Number(s.framesSent ?? 0);
          } else if (s.kind === "audio") now.audioPacketsSent += Number(s.packetsSent ?? 0);
        });
      }
      const series = w.__ygavSent!;
      const last = series.at(-1);
      // Counters only grow; a closed connection reports nothing, so keep what was last seen.
      if (!last || now.framesSent >= last.framesSent) series.push(now);
    };
    w.__ygavSentTimer = window.setInterval(() => void sample().catch(() => {}), 250);
  });
}

/** The page's counters at `at` (epoch ms), interpolated between the samples around it; the last sample when `at` is later. */
export async function sentCountsAt(page: Page, at = Number.POSITIVE_INFINITY): Promise<SentCounts> {
  const series = await page.evaluate(() => (window as unknown as { __ygavSent?: SentCounts[] }).__ygavSent ?? []);
  if (series.length === 0) throw new Error("the page sampled nothing: startCountingSent first");
  const after = series.findIndex((sample) => sample.at >= at);
  if (after === -1) return series.at(-1)!;
  if (after === 0) return series[0]!;
  const a = series[after - 1]!;
  const b = series[after]!;
  const f = (at - a.at) / (b.at - a.at);
  const mix = (x: number, y: number) => Math.round(x + (y - x) * f);
  return { at, framesEncoded: mix(a.framesEncoded, b.framesEncoded), framesSent: mix(a.framesSent, b.framesSent), audioPacketsSent: mix(a.audioPacketsSent, b.audioPacketsSent) };
}
