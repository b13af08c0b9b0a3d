"use client";

import { useTranslations } from "next-intl";
import type { Quality } from "@/lib/media-client/connection-quality";
import type { MicStatus } from "./call-tiles";
import { Initial, TileFrame } from "./tile-frame";
import { TrackVideo } from "./track-video";

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
