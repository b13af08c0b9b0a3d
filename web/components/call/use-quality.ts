"use client";

import { useEffect, useRef, useState } from "react";
import type { CallSession } from "@/lib/media-client/call-session";
import { lossBetween } from "@/lib/media-client/connection-quality";

export interface QualityReadings {
  rttMs: number | null;
  recentLoss: number | null;
  /** Decoded frames per second by consumer id. */
  fps: Record<string, number>;
}

const EMPTY: QualityReadings = { rttMs: null, recentLoss: null, fps: {} };
const INTERVAL_MS = 3000;

/** Samples our link and the decoded frame rates every few seconds for the tiles' quality bars. */
export function useQuality(session: CallSession | null, active: boolean): QualityReadings {
  const [readings, setReadings] = useState<QualityReadings>(EMPTY);
  const previous = useRef<{ packetsLost: number; packetsReceived: number } | null>(null);

  useEffect(() => {
    if (!session || !active) return;
    let cancelled = false;
    const sample = async () => {
      try {
        const [link, video] = await Promise.all([session.transportStats(), session.inboundVideoStats()]);
        if (cancelled) return;
        const recentLoss = lossBetween(previous.current, link);
        previous.current = { packetsLost: link.packetsLost, packetsReceived: link.packetsReceived };
        setReadings({ rttMs: link.rttMs, recentLoss, fps: Object.fromEntries(video.map((v) => [v.consumerId, v.framesPerSecond])) });
      } catch {
        // Transports come and go during a rejoin; the next sample will do.
      }
    };
    void sample();
    const timer = setInterval(() => void sample(), INTERVAL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [session, active]);

  return readings;
}
