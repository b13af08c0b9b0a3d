"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { CallState } from "@/lib/media-client/call-state";
import { countdownTone, formatRemaining, remainingMs, type CountdownTone, type RoomClock } from "@/lib/media-client/room-clock";

const TONE_CLASS: Record<CountdownTone, string> = {
  normal: "bg-slate-900/80 text-white",
  amber: "bg-amber-400 text-slate-900",
  red: "bg-red-600 text-white",
};

/** How long a pushed warning stays highlighted (pulse and the spoken line's text). */
const WARNING_SHOWN_MS = 8000;

type Warning = NonNullable<CallState["timeWarning"]>;

/**
 * The visit's time left, from the node's clock (room-clock.ts), large enough to read on a phone
 * held at arm's length. Amber from the first warning (5 min), red from the last (1 min). A
 * warning the node pushes is also spoken (where the browser can) and announced to screen
 * readers, because a family looking at each other does not watch the corner of the screen.
 */
export function VisitCountdown({ clock, warning, speak = true }: {
  clock: RoomClock;
  /** The last `roomTimeWarning` (CallState.timeWarning). */
  warning?: Warning;
  /** Say the warning aloud with the browser's speech synthesis. */
  speak?: boolean;
}) {
  const t = useTranslations("visitRoom.countdown");
  const [now, setNow] = useState(() => performance.now());
  const [flashing, setFlashing] = useState(false);
  const announced = useRef<Warning | undefined>(undefined);

  useEffect(() => {
    if (clock.deadline === null) return;
    // Four ticks a second: the seconds change on time without drifting against the deadline.
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, [clock.deadline]);

  const warningText = warning
    ? warning.thresholdSeconds >= 60
      ? t("warningMinutes", { minutes: Math.round(warning.thresholdSeconds / 60) })
      : t("warningSeconds", { seconds: warning.thresholdSeconds })
    : "";

  useEffect(() => {
    if (!warning || announced.current === warning) return;
    announced.current = warning;
    setFlashing(true);
    const timer = setTimeout(() => setFlashing(false), WARNING_SHOWN_MS);
    if (speak && typeof window !== "undefined" && "speechSynthesis" in window) {
      const utterance = new SpeechSynthesisUtterance(warningText);
      utterance.lang = document.documentElement.lang || "zh-CN";
      window.speechSynthesis.speak(utterance);
    }
    return () => clearTimeout(timer);
  }, [warning, warningText, speak]);

  const remaining = remainingMs(clock, now);
  if (remaining === null) return null;
  const tone = countdownTone(clock, remaining);
  return (
    <div className="flex flex-col items-center gap-1" data-testid="visit-countdown" data-tone={tone} data-remaining-ms={Math.round(remaining)}>
      <p
        className={`flex items-baseline gap-2 rounded-full px-4 py-1.5 shadow-lg ${TONE_CLASS[tone]} ${flashing ? "animate-pulse ring-4 ring-white/70" : ""}`}
        role="timer"
        aria-label={t("label")}
      >
        <span className="text-xs font-medium opacity-80">{t("label")}</span>
        <span className="font-mono text-xl font-semibold tabular-nums">{remaining > 0 ? formatRemaining(remaining) : t("over")}</span>
      </p>
      <p aria-live="assertive" className={flashing ? "rounded bg-slate-900/80 px-3 py-1 text-sm font-medium text-white" : "sr-only"} data-testid="visit-countdown-warning">
        {flashing ? warningText : ""}
      </p>
    </div>
  );
}
