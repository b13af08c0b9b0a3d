"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, controlProps } from "@/components/ui/field";
import type { DeviceChoice } from "@/lib/client/join-grant";
import { CameraPreview, DeviceChoices } from "./device-check";
import type { JoinWho } from "./join-who";
import type { LocalMedia } from "./use-local-media";

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
  const observer = who.kind === "staff" && who.observer;

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
        <div className="md:w-1/2">
          <CameraPreview media={media} />
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
          <DeviceChoices media={media} onDevices={onDevices} />
        )}
        {error && <Alert tone="error">{error}</Alert>}
        <Button type="submit" busy={busy} disabled={!observer && !media.ready} className="mt-auto w-full">
          {busy ? t("joining") : t("join")}
        </Button>
      </form>
    </div>
  );
}
