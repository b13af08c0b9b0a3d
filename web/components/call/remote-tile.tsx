"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";
import type { CallSession } from "@/lib/media-client/call-session";
import { rateQuality } from "@/lib/media-client/connection-quality";
import { SHARPEST_LAYER_HEIGHT } from "@/lib/media-client/simulcast";
import { peerMicStatus, type Tile } from "./call-tiles";
import { PinButton } from "./pin-button";
import { Initial, TileFrame } from "./tile-frame";
import { TrackVideo } from "./track-video";
import { useTileView } from "./use-tile-view";
import type { QualityReadings } from "./use-quality";

/**
 * Another participant's camera or shared screen. `sole`: the only remote picture on screen (the
 * far side of a 1:1 call), which gets the sharpest layer even in a small window.
 */
export function RemoteTile({ tile, session, speaking, readings, sole = false, pin }: {
  tile: Extract<Tile, { kind: "camera" | "screen" }>;
  session: CallSession | null;
  speaking: boolean;
  readings: QualityReadings;
  sole?: boolean;
  /** Issue 14: an officer's pin (pinned: the top layer, kept while pinned); absent for others. */
  pin?: { pinned: boolean; onToggle: () => void };
}) {
  const t = useTranslations("call");
  const ref = useRef<HTMLDivElement>(null);
  const { peer, video } = tile;
  useTileView(ref, session, video?.consumerId ?? null, sole || pin?.pinned ? SHARPEST_LAYER_HEIGHT : undefined);
  const showVideo = video !== null && !video.producerPaused;
  const fps = showVideo ? (readings.fps[video.consumerId] ?? null) : null;
  const quality = rateQuality({ rttMs: readings.rttMs, recentLoss: readings.recentLoss, fps });
  const screen = tile.kind === "screen";
  return (
    <TileFrame
      ref={ref}
      name={screen ? t("screenOf", { name: peer.name }) : peer.name}
      mic={screen ? null : peerMicStatus(peer)}
      quality={peer.connected ? quality : "poor"}
      speaking={!screen && speaking}
      badge={peer.connected ? undefined : t("peerReconnecting")}
      testId={screen ? "screen-tile" : "peer-tile"}
      data={{ "peer-id": peer.id }}
    >
      {showVideo ? <TrackVideo track={video.track} fit={screen ? "contain" : "cover"} /> : <Initial name={peer.name} />}
      {pin && <PinButton name={screen ? t("screenOf", { name: peer.name }) : peer.name} pinned={pin.pinned} onToggle={pin.onToggle} />}
    </TileFrame>
  );
}
