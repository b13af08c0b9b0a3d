import type { BrowserContext, Page } from "@playwright/test";

// What a page's own camera really sends, from the sender's getStats: which streams (simulcast
// rids), at what height, in which scalability mode, and why Chromium limits it. The node can only
// forward a layer the sender sends; Chromium drops its top simulcast layer by itself when the CPU
// is short, so a spec that expects the top layer on the far side reads what is sent first.

export interface OutboundVideo {
  rid: string | null;
  scalabilityMode: string | null;
  frameHeight: number;
  bytesSent: number;
  qualityLimitationReason: string | null;
}

/** Records every RTCPeerConnection the context's pages make (call before the page loads). */
export async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const seen: RTCPeerConnection[] = [];
    (window as unknown as { __ygavPcs: RTCPeerConnection[] }).__ygavPcs = seen;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        seen.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

/** Every outbound video stream of the page's connected peer connections. */
export async function outboundVideo(page: Page): Promise<OutboundVideo[]> {
  return page.evaluate(async () => {
    const out: OutboundVideo[] = [];
    for (const pc of (window as unknown as { __ygavPcs?: RTCPeerConnection[] }).__ygavPcs ?? []) {
      if (pc.connectionState !== "connected") continue;
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type !== "outbound-rtp" || s.kind !== "video") return;
        out.push({
          rid: typeof s.rid === "string" ? s.rid : null,
          scalabilityMode: typeof s.scalabilityMode === "string" ? s.scalabilityMode : null,
          frameHeight: Number(s.frameHeight ?? 0),
          bytesSent: Number(s.bytesSent ?? 0),
          qualityLimitationReason: typeof s.qualityLimitationReason === "string" ? s.qualityLimitationReason : null,
        });
      });
    }
    return out;
  });
}

/** The height of the sharpest stream the page is sending now (bytes grew over `gapMs`). */
export async function topSentHeight(page: Page, gapMs = 1000): Promise<number> {
  const key = (s: OutboundVideo) => `${s.rid}:${s.scalabilityMode}`;
  const before = new Map((await outboundVideo(page)).map((s) => [key(s), s.bytesSent]));
  await page.waitForTimeout(gapMs);
  const live = (await outboundVideo(page)).filter((s) => s.bytesSent > (before.get(key(s)) ?? Infinity));
  return Math.max(0, ...live.map((s) => s.frameHeight));
}
