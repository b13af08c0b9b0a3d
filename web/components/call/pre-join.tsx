"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, controlProps } from "@/components/ui/field";
import type { DeviceChoice } from "@/lib/client/join-grant";
import { DeviceSelect } from "./device-select";
import type { JoinWho } from "./join-who";
import { MicLevelMeter } from "./mic-level-meter";
import { TrackVideo } from "./track-video";
import type { LocalMedia } from "./use-local-media";
import { useMediaDevices } from "./use-media-devices";

interface PreJoinProps {
  roomTitle: string;
  who: JoinWho;
  media: LocalMedia;
  onDevices: (choice: DeviceChoice) => void;
  busy: boolean;
  error: string | null;
  onJoin: (guestName: string) => void;
}

const NAME_MAX = 40;

/** Check yourself before going in: camera preview, device choice, microphone level, name. */
export function PreJoin({ roomTitle, who, media, onDevices, busy, error, onJoin }: PreJoinProps) {
  const t = useTranslations("join");
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | undefined>();
  const devices = useMediaDevices(media.video ?? media.audio);
  const observer = who.kind === "staff" && who.observer;
  const current = (track: MediaStreamTrack | null) => track?.getSettings().deviceId ?? null;
  const choice: DeviceChoice = { audioId: current(media.audio), videoId: current(media.video) };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (who.kind === "guest" && !name.trim()) {
      setNameError(t("nameRequired"));
      return;
    }
    onJoin(name.trim());
  }

  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-4 rounded-xl bg-white p-4 text-slate-900 shadow-xl sm:p-6 md:flex-row">
      {!observer && (
        <div className="flex flex-col gap-2 md:w-1/2">
          <div className="relative aspect-video overflow-hidden rounded-lg bg-slate-800" data-testid="camera-preview">
            {media.video ? (
              <TrackVideo track={media.video} mirror />
            ) : (
              <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-300">
                {media.ready ? t("previewOff") : t("previewLoading")}
              </p>
            )}
          </div>
          {media.audio && <MicLevelMeter track={media.audio} />}
        </div>
      )}
      <form onSubmit={submit} noValidate className="flex flex-1 flex-col gap-4">
        <div>
          <h1 className="text-xl font-semibold">{t("title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("room", { title: roomTitle })}</p>
        </div>
        {who.kind === "guest" ? (
          <Field id="guest-name" label={t("yourName")} hint={t("nameHint")} error={nameError} required>
            <input
              {...controlProps("guest-name", nameError)}
              value={name}
              maxLength={NAME_MAX}
              autoComplete="name"
              onChange={(event) => {
                setName(event.target.value);
                setNameError(undefined);
              }}
            />
          </Field>
        ) : (
          <p className="text-sm text-slate-700">{t("joinAs", { name: who.name })}</p>
        )}
        {observer ? (
          <Alert>{t("observerNote")}</Alert>
        ) : (
          <>
            <DeviceSelect label={t("camera")} devices={devices.video} value={choice.videoId} onChange={(videoId) => onDevices({ ...choice, videoId })} />
            <DeviceSelect label={t("microphone")} devices={devices.audio} value={choice.audioId} onChange={(audioId) => onDevices({ ...choice, audioId })} />
            {media.problem && <Alert tone="warning">{t(`problem.${media.problem}`)}</Alert>}
          </>
        )}
        {error && <Alert tone="error">{error}</Alert>}
        <Button type="submit" busy={busy} disabled={!observer && !media.ready} className="mt-auto w-full">
          {busy ? t("joining") : t("join")}
        </Button>
      </form>
    </div>
  );
}
