"use client";

import { useTranslations } from "next-intl";
import type { CallState } from "@/lib/media-client/call-state";
import { rateQuality, type Quality } from "@/lib/media-client/connection-quality";
import { selfMicStatus, type MicStatus } from "./call-tiles";
import { Initial, TileFrame } from "./tile-frame";
import { TrackVideo } from "./track-video";
import type { QualityReadings } from "./use-quality";

/** Our own camera, mirrored as in a mirror, straight from the local track (no round trip). */
export function SelfTile({ name, video, cameraOff, mic, quality, speaking }: {
  name: string;
  video: MediaStreamTrack | null;
  cameraOff: boolean;
  mic: MicStatus;
  quality: Quality | null;
  speaking: boolean;
}) {
  const t = useTranslations("call");
  return (
    <TileFrame name={t("you", { name })} mic={mic} quality={quality} speaking={speaking} testId="self-tile">
      {video && !cameraOff ? <TrackVideo track={video} mirror /> : <Initial name={name} />}
    </TileFrame>
  );
}

/**
 * The self tile's props in any call view: our name as the node knows it, the camera unless it is
 * paused or disabled, the mic, and the link's quality from our own round trip and loss.
 */
export function selfTileProps(state: CallState, cameraTrack: MediaStreamTrack | null, readings: QualityReadings, fallbackName: string) {
  return {
    name: state.self?.name ?? fallbackName,
    video: cameraTrack,
    cameraOff: state.local.camera?.paused ?? !cameraTrack?.enabled,
    mic: selfMicStatus(state),
    quality: rateQuality({ rttMs: readings.rttMs, recentLoss: readings.recentLoss, fps: null }),
    speaking: Boolean(state.self) && state.activeSpeaker === state.self?.id,
  };
}
