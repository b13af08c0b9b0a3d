"use client";
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { sourceToJpegBase64 } from "@/components/faces/source-to-jpeg";
import { apiFetch } from "@/lib/client/api-fetch";

export interface CheckInLinkState {
  greeting: string;
  unitName: string;
  windows: Array<{ weekday: number; start: string; end: string }>;
  openWindow: { key: string; endsAt: string } | null;
  nextWindowAt: string | null;
  phoneBound: boolean;
  bindingOpen: boolean;
  checkedIn: { status: "checked_in" | "pending"; at: string; decision?: "approved" | "rejected" | null } | null;
}

type Step = "idle" | "locating" | "verifying" | "straight" | "turn" | "sending";
type Outcome = { status: "checked_in" | "pending"; reasons: string[]; at: string; decision?: "approved" | "rejected" | null };
type StartResult = { challengeId: string; webauthn: Parameters<typeof startAuthentication>[0]["optionsJSON"]; liveness: { direction: "left" | "right" } };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The position, or null when the person declines or the phone cannot tell (the officer reviews it). */
function locate(): Promise<{ latitude: number; longitude: number; accuracyMeters: number } | null> {
  if (!("geolocation" in navigator)) return Promise.resolve(null);
  return new Promise((resolve) =>
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyMeters: Math.min(100_000, p.coords.accuracy) }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 0 },
    ),
  );
}

/**
 * The person's check-in on their phone: bind the phone once (after the officer confirmed it), then
 * in each window: consent → location → fingerprint/face unlock → two camera frames (straight, then
 * the asked head turn) → the portal's verdict.
 */
export function CheckInFlow({ token, initial }: { token: string; initial: CheckInLinkState }) {
  const t = useTranslations("checkin");
  const tm = useTranslations("checkinManage");
  const format = useFormatter();
  const [state, setState] = useState(initial);
  const [step, setStep] = useState<Step>("idle");
  const [turn, setTurn] = useState<"left" | "right" | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(initial.checkedIn ? { ...initial.checkedIn, reasons: [] } : null);
  const [error, setError] = useState<string | null>(null);
  const [noLocation, setNoLocation] = useState(false);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const base = `/api/v1/c/${encodeURIComponent(token)}`;

  useEffect(() => {
    if (videoRef.current) videoRef.current.srcObject = stream;
    return () => stream?.getTracks().forEach((track) => track.stop());
  }, [stream]);

  const bind = async () => {
    setError(null);
    const options = await apiFetch<Parameters<typeof startRegistration>[0]["optionsJSON"]>("POST", `${base}/phone/options`);
    if (!options.ok) return setError(options.error.message);
    let response;
    try {
      response = await startRegistration({ optionsJSON: options.data });
    } catch (e) {
      return setError(e instanceof Error ? e.message : String(e));
    }
    const bound = await apiFetch<{ phoneId: string }>("POST", `${base}/phone`, response);
    if (!bound.ok) return setError(bound.error.message);
    setState((s) => ({ ...s, phoneBound: true, bindingOpen: false }));
  };

  const checkIn = async () => {
    setError(null);
    setNoLocation(false);
    try {
      setStep("locating");
      const location = await locate();
      setNoLocation(location === null);
      setStep("verifying");
      const start = await apiFetch<StartResult>("POST", `${base}/checkin/options`);
      if (!start.ok) throw new Error(start.error.message);
      const assertion = await startAuthentication({ optionsJSON: start.data.webauthn });
      let camera: MediaStream;
      try {
        camera = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480, facingMode: "user" }, audio: false });
      } catch {
        throw new Error(t("cameraDenied"));
      }
      setStream(camera);
      setStep("straight");
      await sleep(1500);
      const grab = () => {
        const video = videoRef.current;
        const frame = video ? sourceToJpegBase64(video, video.videoWidth, video.videoHeight) : null;
        if (!frame) throw new Error(t("cameraDenied"));
        return frame;
      };
      const straight = grab();
      setTurn(start.data.liveness.direction);
      setStep("turn");
      await sleep(2500);
      const turned = grab();
      setStream(null);
      setStep("sending");
      const result = await apiFetch<Outcome>("POST", `${base}/checkin`, { challengeId: start.data.challengeId, assertion, frames: { straight, turned }, location });
      if (!result.ok) throw new Error(result.error.message);
      setOutcome(result.data);
    } catch (e) {
      setStream(null);
      setError(t("failed", { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setStep("idle");
      setTurn(null);
    }
  };

  const windowList = state.windows.map((w) => `${t(`weekday.${w.weekday}` as "weekday.1")} ${w.start}–${w.end}`).join("、");
  const at = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });

  return (
    <main className="mx-auto flex w-full max-w-md flex-col gap-4 p-4" data-testid="checkin-flow">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p>{t("hello", { greeting: state.greeting, unit: state.unitName })}</p>
      {state.windows.length > 0 && <p className="text-sm text-slate-300">{t("windows", { list: windowList })}</p>}

      {outcome ? (
        <section className={`rounded-lg p-4 ${outcome.status === "checked_in" || outcome.decision === "approved" ? "bg-emerald-700" : outcome.decision === "rejected" ? "bg-rose-800" : "bg-amber-800"}`} role="status" data-testid="checkin-outcome" data-status={outcome.status}>
          <p className="text-2xl font-bold" data-decision={outcome.decision ?? ""}>
            {outcome.status === "checked_in" ? t("done") : outcome.decision ? tm(`person.${outcome.decision}`) : t("pending")}
          </p>
          <p className="text-sm">{t("doneAt", { at: at(outcome.at) })}</p>
          {outcome.reasons.length > 0 && (
            <ul className="mt-2 list-disc pl-5 text-sm" data-testid="checkin-reasons">
              {outcome.reasons.map((r) => (
                <li key={r}>{t(`reason.${r}` as "reason.no_location")}</li>
              ))}
            </ul>
          )}
        </section>
      ) : !state.phoneBound ? (
        <section className="flex flex-col gap-3">
          <p>{state.bindingOpen ? t("bindOpen") : t("bindNeeded")}</p>
          {state.bindingOpen && (
            <button type="button" className="min-h-12 rounded-md bg-sky-600 px-4 font-medium" onClick={() => void bind()} data-testid="checkin-bind">
              {t("bind")}
            </button>
          )}
        </section>
      ) : !state.openWindow ? (
        <p data-testid="checkin-closed">{state.nextWindowAt ? t("closed", { next: at(state.nextWindowAt) }) : t("closedNoNext")}</p>
      ) : (
        <section className="flex flex-col gap-3">
          <p className="text-sm text-slate-300">{t("bound")}</p>
          <p className="rounded-md bg-slate-800 p-3 text-sm" data-testid="checkin-consent">{t("consent")}</p>
          {stream && <video ref={videoRef} autoPlay playsInline muted className="w-full rounded bg-black" data-testid="checkin-camera" />}
          {step !== "idle" && (
            <p className="text-lg font-medium" role="status" data-testid="checkin-step">
              {step === "locating" ? t("locating") : step === "verifying" ? t("verifying") : step === "straight" ? t("faceStraight") : step === "turn" && turn ? t(`turn.${turn}`) : t("sending")}
            </p>
          )}
          {noLocation && <p className="text-sm text-amber-300">{t("noLocation")}</p>}
          <button type="button" className="min-h-12 rounded-md bg-sky-600 px-4 font-medium disabled:opacity-60" disabled={step !== "idle"} onClick={() => void checkIn()} data-testid="checkin-start">
            {t("start")}
          </button>
        </section>
      )}
      {error && (
        <p className="rounded-md bg-rose-100 p-3 text-sm text-rose-900" role="alert">
          {error}
        </p>
      )}
    </main>
  );
}
