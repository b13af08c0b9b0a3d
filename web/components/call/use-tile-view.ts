"use client";

import { useEffect, type RefObject } from "react";
import type { CallSession } from "@/lib/media-client/call-session";
import { layerForTileHeight } from "@/lib/media-client/simulcast";

// Scrolling and resizing fire many callbacks; the node only needs the settled view.
const SETTLE_MS = 150;

/**
 * Tells the node how a remote video tile is seen: off-screen tiles are paused (the SFU stops
 * sending them) and each visible tile gets the simulcast layer its height needs. Only changes
 * are sent, because every resume costs a keyframe. `layerHeightPx` asks for the layer of that
 * height whatever the tile measures (a spotlight must show the sharpest layer even on a laptop).
 */
export function useTileView(ref: RefObject<HTMLElement | null>, session: CallSession | null, consumerId: string | null, layerHeightPx?: number): void {
  useEffect(() => {
    const element = ref.current;
    if (!element || !session || !consumerId) return;
    let visible = true;
    let heightPx = element.getBoundingClientRect().height;
    let sent: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const report = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const key = visible ? `visible:${layerForTileHeight(layerHeightPx ?? heightPx)}` : "hidden";
        if (key === sent) return;
        sent = key;
        void session.setTileView(consumerId, { visible, heightPx: layerHeightPx ?? heightPx });
      }, SETTLE_MS);
    };
    const intersection = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (last) visible = last.isIntersecting;
      report();
    });
    const resize = new ResizeObserver((entries) => {
      const last = entries[entries.length - 1];
      if (last) heightPx = last.contentRect.height;
      report();
    });
    intersection.observe(element);
    resize.observe(element);
    return () => {
      clearTimeout(timer);
      intersection.disconnect();
      resize.disconnect();
    };
  }, [ref, session, consumerId, layerHeightPx]);
}
