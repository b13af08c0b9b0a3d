export type Quality = "good" | "fair" | "poor";

export interface QualitySample {
  /** Round-trip time of our own link to the media node. */
  rttMs: number | null;
  /** Share of packets lost since the previous sample (0..1). */
  recentLoss: number | null;
  /** Frames per second we decode from this tile's video; null when no video is expected. */
  fps: number | null;
}

// Thresholds from what people notice: above ~200 ms talk starts to overlap, above ~2 % loss
// video smears, below ~12 fps motion stutters (cameras send 15–30).
const FAIR = { rttMs: 200, loss: 0.02, fps: 12 };
const POOR = { rttMs: 400, loss: 0.08, fps: 5 };

/** One tile's bars: the worst of link delay, recent loss and decoded frame rate; null = no data yet. */
export function rateQuality({ rttMs, recentLoss, fps }: QualitySample): Quality | null {
  if (rttMs === null && recentLoss === null && fps === null) return null;
  const worse = (limit: typeof FAIR) =>
    (rttMs !== null && rttMs > limit.rttMs) || (recentLoss !== null && recentLoss > limit.loss) || (fps !== null && fps < limit.fps);
  if (worse(POOR)) return "poor";
  if (worse(FAIR)) return "fair";
  return "good";
}

/** Loss between two cumulative readings (packets lost / expected), null when nothing arrived. */
export function lossBetween(
  before: { packetsLost: number; packetsReceived: number } | null,
  now: { packetsLost: number; packetsReceived: number },
): number | null {
  const lost = now.packetsLost - (before?.packetsLost ?? 0);
  const received = now.packetsReceived - (before?.packetsReceived ?? 0);
  if (lost + received <= 0) return null;
  return Math.max(0, lost) / (Math.max(0, lost) + received);
}
