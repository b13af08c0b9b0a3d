"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from "react";
import { CallRoom } from "@/components/call/call-room";
import { CameraPreview, DeviceChoices } from "@/components/call/device-check";
import { useCallSession, type Connection } from "@/components/call/use-call-session";
import { useLocalMedia } from "@/components/call/use-local-media";
import { usePublish } from "@/components/call/use-publish";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, controlProps } from "@/components/ui/field";
import { VisitEndedScreen } from "@/components/visit-room/visit-ended-screen";
import type { DeviceChoice } from "@/lib/client/join-grant";
import {
  familyRefusalOf,
  joinByFamilyLink,
  loadFamilyLink,
  saveFamilyLink,
  sendSnapshot,
  verifyFamilyLink,
  type FamilyLinkRefusal,
  type FamilyLinkState,
  type StoredFamilyLink,
} from "@/lib/client/visit-day";
import type { ApiError } from "@/lib/client/api-fetch";
import { warmUpBrowserHandler } from "@/lib/media-client/browser-handler";
import { tokenProvider } from "@/lib/media-client/token-provider";
import { captureSnapshot } from "./capture-snapshot";
import { FamilyLinkRefusalScreen } from "./family-link-refusal";
import { VisitWaitingScreen } from "./visit-waiting-screen";

type Step = "restoring" | "verify" | "device" | "snapshot" | "call" | "refused";
const NO_CHOICE: DeviceChoice = { audioId: null, videoId: null };

const timeFormat = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });

/**
 * A family member's visit from home, from the link to the end: the last 4 of the ID number,
 * the device check, a photo of the face kept with the visit, then the waiting room and the
 * visit. The tab keeps its ticket and step, so a reload returns to the same step (in the call,
 * straight back in with the same identity).
 */
export function FamilyVisitFlow({ token, link }: { token: string; link: FamilyLinkState }) {
  const t = useTranslations("visitDay.link");
  const [step, setStep] = useState<Step>("restoring");
  const [stored, setStored] = useState<StoredFamilyLink | null>(null);
  const [refusal, setRefusal] = useState<FamilyLinkRefusal>("not_found");
  const [devices, setDevices] = useState<DeviceChoice>(NO_CHOICE);
  const [connection, setConnection] = useState<Connection | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [code, setCode] = useState("");
  const media = useLocalMedia(step === "device" || step === "snapshot" || step === "call" ? devices : null);
  const { session, state } = useCallSession(connection);
  usePublish(session, "mic", media.audio);
  usePublish(session, "camera", media.video);

  const remember = useCallback((next: StoredFamilyLink | null) => {
    setStored(next);
    saveFamilyLink(token, next);
  }, [token]);

  const refuse = useCallback((reason: FamilyLinkRefusal) => {
    remember(null);
    setConnection(null);
    setRefusal(reason);
    setStep("refused");
  }, [remember]);

  /** An API error: a refusal page when the link no longer opens anything, else a message on the step. */
  const failed = useCallback((apiError: ApiError, message: string) => {
    const reason = familyRefusalOf(apiError);
    if (reason) return refuse(reason);
    if (apiError.fields.snapshot === "missing") return setStep("snapshot");
    setError(apiError.status === 429 ? t("tooMany") : message);
  }, [refuse, t]);

  const enter = useCallback(async (ticket: string) => {
    const grant = await joinByFamilyLink(token, ticket);
    if (!grant.ok) return failed(grant.error, grant.error.message);
    remember({ ticket, step: "call" });
    setConnection({ mediaUrl: grant.data.mediaUrl, token: grant.data.token, refreshToken: tokenProvider(() => joinByFamilyLink(token, ticket)) });
    setStep("call");
  }, [token, failed, remember]);

  useEffect(() => {
    warmUpBrowserHandler();
    const saved = loadFamilyLink(token);
    setStored(saved);
    if (!saved) return setStep("verify");
    if (saved.step === "call") {
      setStep("snapshot");
      void enter(saved.ticket);
    } else setStep(saved.step);
  }, [token, enter]);

  // A finished visit: the tab forgets its ticket (a reload shows the link's own page).
  const over = step === "call" && state.phase === "ended";
  useEffect(() => {
    if (over) saveFamilyLink(token, null);
  }, [over, token]);

  async function verify(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const result = await verifyFamilyLink(token, code.trim());
    setBusy(false);
    if (!result.ok) return failed(result.error, result.error.fields.idLast4 === "wrong_code" || result.error.fields.idLast4 ? t("wrongCode") : result.error.message);
    remember({ ticket: result.data.ticket, step: "device" });
    setStep("device");
  }

  async function snapshotAndJoin() {
    if (!stored || !media.video) return;
    setBusy(true);
    setError(undefined);
    const image = await captureSnapshot(media.video).catch(() => null);
    if (!image) {
      setBusy(false);
      return setError(t("snapshotFailed"));
    }
    const sent = await sendSnapshot(token, stored.ticket, image);
    if (!sent.ok) {
      setBusy(false);
      return failed(sent.error, t("snapshotFailed"));
    }
    await enter(stored.ticket);
    setBusy(false);
  }

  const heading = (
    <div>
      <h1 className="text-xl font-semibold">{link.kind === "help_education" ? t("helpTitle") : t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("when", { facility: link.facilityName, start: timeFormat.format(new Date(link.startsAt)), end: timeFormat.format(new Date(link.endsAt)) })}</p>
      <p className="mt-1 text-xs text-slate-600" data-testid="visit-terms">{link.privileged ? t("privileged") : link.mustRecord ? t("recorded") : null}</p>
    </div>
  );
  const card = (content: ReactNode) => (
    <div className="flex flex-1 flex-col">
      <div className="flex justify-end p-2"><LanguageSwitch /></div>
      <div className="flex flex-1 items-start justify-center px-3 pb-6 sm:items-center">
        <div className="flex w-full max-w-md flex-col gap-4 rounded-xl bg-white p-4 text-slate-900 shadow-xl sm:p-6">{heading}{content}</div>
      </div>
    </div>
  );

  switch (step) {
    case "restoring":
      return null;
    case "refused":
      return <FamilyLinkRefusalScreen reason={refusal} />;
    case "verify":
      return card(
        <form onSubmit={verify} noValidate className="flex flex-col gap-3" data-testid="visit-verify">
          <h2 className="font-medium">{t("verifyTitle")}</h2>
          <p className="text-sm text-slate-600">{t("verifyBody")}</p>
          <Field id="id-last4" label={t("idLast4")} error={error} required>
            <input {...controlProps("id-last4", error)} value={code} inputMode="text" autoComplete="off" maxLength={4} onChange={(e) => setCode(e.target.value.toUpperCase())} />
          </Field>
          <Button type="submit" busy={busy} disabled={code.trim().length !== 4}>{t("verify")}</Button>
        </form>,
      );
    case "device":
      return card(
        <div className="flex flex-col gap-3" data-testid="visit-device-check">
          <h2 className="font-medium">{t("deviceTitle")}</h2>
          <p className="text-sm text-slate-600">{t("deviceBody")}</p>
          <CameraPreview media={media} />
          <DeviceChoices media={media} onDevices={setDevices} />
          <Button disabled={!media.ready || !media.video} onClick={() => { if (stored) remember({ ...stored, step: "snapshot" }); setStep("snapshot"); }}>{t("deviceNext")}</Button>
        </div>,
      );
    case "snapshot":
      return card(
        <div className="flex flex-col gap-3" data-testid="visit-snapshot">
          <h2 className="font-medium">{t("snapshotTitle")}</h2>
          <p className="text-sm text-slate-600">{t("snapshotBody")}</p>
          <CameraPreview media={media} />
          {error && <Alert tone="error">{error}</Alert>}
          <Button busy={busy} disabled={!media.video} onClick={() => void snapshotAndJoin()}>{busy ? t("joining") : t("snapshotTake")}</Button>
        </div>,
      );
    case "call":
      if (state.phase === "ended") return <VisitEndedScreen reason={state.ended ?? { kind: "left" }} />;
      if (state.phase === "lobby") return <VisitWaitingScreen state={state} onLeave={() => void session?.leave()} />;
      return (
        <CallRoom session={session} state={state} roomTitle={link.kind === "help_education" ? t("helpTitle") : t("title")} selfName="" cameraTrack={media.video} backHref={null} onEnded={() => remember(null)} onRestart={() => setStep("snapshot")} />
      );
  }
}
