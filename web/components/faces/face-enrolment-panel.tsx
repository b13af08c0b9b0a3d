"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-styles";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ZFaceEnrolment } from "@/lib/schemas/faces";
import { sourceToJpegBase64 } from "./source-to-jpeg";

type Enrolment = z.infer<typeof ZFaceEnrolment>;
type Message = { tone: "success" | "error" | "info"; text: string } | null;

/**
 * The officer enrols the person's reference face from the camera or an uploaded photo. The
 * server checks that exactly one clear face is in it; its message says what to change if not.
 * The stored photo is only fetched when the officer asks to see it (each view is audited).
 */
export function FaceEnrolmentPanel({ personId, initial, canWrite }: { personId: string; initial: Enrolment[]; canWrite: boolean }) {
  const t = useTranslations("faces.enrol");
  const format = useFormatter();
  const [enrolments, setEnrolments] = useState(initial);
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const [showPhoto, setShowPhoto] = useState(false);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const current = enrolments.find((e) => e.current) ?? null;

  useEffect(() => {
    if (videoRef.current) videoRef.current.srcObject = stream;
    return () => stream?.getTracks().forEach((track) => track.stop());
  }, [stream]);

  const openCamera = async () => {
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720, facingMode: "user" }, audio: false }));
      setMessage(null);
    } catch {
      setMessage({ tone: "error", text: t("cameraDenied") });
    }
  };

  const submit = async (jpegBase64: string | null, source: "camera" | "upload") => {
    if (!jpegBase64) return;
    setBusy(true);
    setMessage({ tone: "info", text: t("saving") });
    const result = await apiFetch<Enrolment>("POST", `/api/v1/persons/${personId}/face`, { jpegBase64, source });
    setBusy(false);
    if (!result.ok) {
      setMessage({ tone: "error", text: result.error.message });
      return;
    }
    setEnrolments((list) => [result.data, ...list.map((e) => ({ ...e, current: false, supersededAt: e.supersededAt ?? result.data.enrolledAt }))]);
    setMessage({ tone: "success", text: t("saved", { score: result.data.faceScore.toFixed(2) }) });
    setShowPhoto(false);
    setStream(null);
  };

  const capture = () => {
    const video = videoRef.current;
    if (video) void submit(sourceToJpegBase64(video, video.videoWidth, video.videoHeight), "camera");
  };

  const upload = async (file: File | undefined) => {
    if (!file) return;
    const bitmap = await createImageBitmap(file).catch(() => null);
    if (!bitmap) {
      setMessage({ tone: "error", text: t("notPicture") });
      return;
    }
    await submit(sourceToJpegBase64(bitmap, bitmap.width, bitmap.height), "upload");
    bitmap.close();
  };

  const remove = async () => {
    if (!window.confirm(t("confirmDelete"))) return;
    setBusy(true);
    const result = await apiFetch<{ deleted: number }>("DELETE", `/api/v1/persons/${personId}/face`);
    setBusy(false);
    if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
    setEnrolments([]);
    setShowPhoto(false);
    setMessage({ tone: "success", text: t("deleted", { count: result.data.deleted }) });
  };

  return (
    <div className="flex flex-col gap-3" data-testid="face-enrolment">
      {current ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm" data-testid="face-current">
            {t("current", { date: format.dateTime(new Date(current.enrolledAt), { dateStyle: "medium", timeStyle: "short" }), source: t(`source.${current.source}`) })}
            {enrolments.length > 1 && <span className="ml-2 text-slate-500">{t("history", { count: enrolments.length - 1 })}</span>}
          </p>
          <button type="button" className={buttonClass("secondary")} onClick={() => setShowPhoto((v) => !v)}>
            {showPhoto ? t("hidePhoto") : t("viewPhoto")}
          </button>
          {showPhoto && (
            // eslint-disable-next-line @next/next/no-img-element -- a session-guarded, audited API image
            <img src={current.photoUrl} alt="" className="h-32 rounded border border-slate-200" />
          )}
        </div>
      ) : (
        <p className="text-sm text-slate-600" data-testid="face-none">{t("none")}</p>
      )}
      {canWrite ? (
        <div className="flex flex-col gap-2">
          {stream && <video ref={videoRef} autoPlay playsInline muted className="w-full max-w-sm rounded bg-black" data-testid="face-camera" />}
          <div className="flex flex-wrap gap-2">
            {stream ? (
              <>
                <button type="button" className={buttonClass("primary")} onClick={capture} disabled={busy} data-testid="face-capture">{t("capture")}</button>
                <button type="button" className={buttonClass("secondary")} onClick={() => setStream(null)}>{t("stopCamera")}</button>
              </>
            ) : (
              <button type="button" className={buttonClass("primary")} onClick={() => void openCamera()} disabled={busy} data-testid="face-open-camera">{t("startCamera")}</button>
            )}
            <label className={buttonClass("secondary", "cursor-pointer")}>
              {t("upload")}
              <input type="file" accept="image/*" className="sr-only" disabled={busy} onChange={(e) => void upload(e.target.files?.[0])} data-testid="face-upload" />
            </label>
            {enrolments.length > 0 && (
              <button type="button" className={buttonClass("danger")} onClick={() => void remove()} disabled={busy} data-testid="face-delete">{t("delete")}</button>
            )}
          </div>
        </div>
      ) : (
        <p className="text-sm text-slate-500">{t("readOnly")}</p>
      )}
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
    </div>
  );
}
