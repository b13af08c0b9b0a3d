"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import type { DeviceChoice } from "@/lib/client/join-grant";
import { DeviceSelect } from "./device-select";
import { MicLevelMeter } from "./mic-level-meter";
import { TrackVideo } from "./track-video";
import type { LocalMedia } from "./use-local-media";
import { useMediaDevices } from "./use-media-devices";

/** The mirrored camera picture and the microphone level: "can they see and hear me?". */
export function CameraPreview({ media }: { media: LocalMedia }) {
  const t = useTranslations("join");
  return (
    <div className="flex flex-col gap-2">
      <div className="relative aspect-video overflow-hidden rounded-lg bg-slate-800" data-testid="camera-preview">
        {media.video ? (
          <TrackVideo track={media.video} mirror />
        ) : (
          <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-300">{media.ready ? t("previewOff") : t("previewLoading")}</p>
        )}
      </div>
      {media.audio && <MicLevelMeter track={media.audio} />}
    </div>
  );
}

/** Camera and microphone pickers, and what to do when a device is missing or refused. */
export function DeviceChoices({ media, onDevices }: { media: LocalMedia; onDevices: (choice: DeviceChoice) => void }) {
  const t = useTranslations("join");
  const devices = useMediaDevices(media.video ?? media.audio);
  const current = (track: MediaStreamTrack | null) => track?.getSettings().deviceId ?? null;
  const choice: DeviceChoice = { audioId: current(media.audio), videoId: current(media.video) };
  return (
    <>
      <DeviceSelect label={t("camera")} devices={devices.video} value={choice.videoId} onChange={(videoId) => onDevices({ ...choice, videoId })} />
      <DeviceSelect label={t("microphone")} devices={devices.audio} value={choice.audioId} onChange={(audioId) => onDevices({ ...choice, audioId })} />
      {media.problem && <Alert tone="warning">{t(`problem.${media.problem}`)}</Alert>}
    </>
  );
}
