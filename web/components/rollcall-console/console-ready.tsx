"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { TrackVideo } from "@/components/call/track-video";

/** Not connected this long after the screen showed: say so, and offer to connect again. */
const SLOW_MS = 10_000;

/**
 * The console of a roll call not yet open (issue 14): the camera preview, whether the connection
 * to the media node is ready (token, socket, Device, both transports connected), and 开始点名.
 * The button works at any time: before ready it still opens the call and joins, only slower.
 * It takes the focus, so Enter or Space starts; the card fits a phone's width.
 */
export function ConsoleReady({ title, rosterCount, ready, video, onStart, onRetry }: {
  title: string | null;
  rosterCount: number | null;
  ready: boolean;
  video: MediaStreamTrack | null;
  onStart: () => void;
  onRetry: () => void;
}) {
  const t = useTranslations("rollcallConsole.ready");
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (ready) return setSlow(false);
    const timer = setTimeout(() => setSlow(true), SLOW_MS);
    return () => clearTimeout(timer);
  }, [ready]);

  return (
    <div className="flex h-dvh flex-col items-center justify-center gap-4 overflow-y-auto bg-slate-950 p-4 text-white" data-testid="console-ready" data-ready={ready}>
      <p className="text-sm text-slate-400">{t("heading")}</p>
      {title && <h1 className="text-center text-xl font-semibold">{title}</h1>}
      <div className="aspect-video w-full max-w-md overflow-hidden rounded-xl bg-slate-800" aria-label={t("preview")}>
        {video && <TrackVideo track={video} mirror />}
      </div>
      <p role="status" aria-live="polite" data-testid="console-ready-status" className={`text-center text-base font-medium ${ready ? "text-emerald-400" : "text-slate-300"}`}>
        {ready ? t("ready", { count: rosterCount ?? 0 }) : t("preparing")}
      </p>
      {slow && (
        <p className="max-w-md text-center text-sm text-amber-300" data-testid="console-ready-slow">
          {t("slow")}{" "}
          <button type="button" onClick={onRetry} className="underline underline-offset-2">
            {t("retry")}
          </button>
        </p>
      )}
      <button
        type="button"
        onClick={onStart}
        // The one thing to do on this screen: Enter starts.
        autoFocus
        className="min-h-14 w-full max-w-md rounded-xl bg-brand-600 px-6 text-xl font-semibold hover:bg-brand-700 focus-visible:outline focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-white"
        data-testid="start-rollcall"
      >
        {t("start")}
      </button>
      <p className="max-w-md text-center text-sm text-slate-400">{t("hint")}</p>
    </div>
  );
}
