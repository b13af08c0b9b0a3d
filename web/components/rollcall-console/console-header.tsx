"use client";

import { useFormatter, useNow, useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import type { RollCallDetail } from "./console-api";
import { STATUS_ORDER, type DisplayStatus } from "./roster-model";
import { STATUS_COLOURS } from "@/lib/pages/roll-call-display";

/** Title, window, a live clock, the counts and (for the host) the end button with a confirm step. */
export function ConsoleHeader({ detail, counts, onEnd, ending, unmarked, children }: {
  detail: RollCallDetail;
  counts: Record<DisplayStatus, number>;
  onEnd: (() => void) | null;
  ending: boolean;
  /** Joined but not marked: ending makes them 待核验, so the officer sees who before confirming. */
  unmarked: string[];
  children?: ReactNode;
}) {
  const t = useTranslations("rollcallConsole");
  const attendance = useTranslations("rollcall.attendance");
  const format = useFormatter();
  const now = useNow({ updateInterval: 1000 });
  const [confirming, setConfirming] = useState(false);
  const time = (iso: string | Date) => format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit" });
  const minutesLeft = Math.max(0, Math.ceil((new Date(detail.endsAt).getTime() - now.getTime()) / 60_000));
  return (
    <header className="flex shrink-0 flex-wrap items-center gap-x-4 gap-y-2 border-b border-white/10 px-3 py-2">
      <div className="w-full min-w-0 sm:w-auto sm:flex-1">
        <h1 className="truncate text-base font-semibold" data-testid="console-title">{detail.title}</h1>
        <p className="text-xs text-slate-400">
          {t("window", { start: time(detail.startsAt), end: time(detail.endsAt) })} ·{" "}
          <span data-testid="console-clock">{t("clock", { time: format.dateTime(now, { hour: "2-digit", minute: "2-digit", second: "2-digit" }) })}</span>
          {detail.state === "live" && ` · ${t("remaining", { minutes: minutesLeft })}`}
        </p>
      </div>
      <dl className="flex flex-wrap gap-1.5 text-xs" aria-label={t("countsLabel")} data-testid="console-counts">
        {STATUS_ORDER.map((status) => (
          <div key={status} className={`flex items-center gap-1 rounded-full px-2 py-0.5 ${STATUS_COLOURS[status].chip}`} data-status={status}>
            <dt>{attendance(status)}</dt>
            <dd className="font-semibold tabular-nums">{counts[status]}</dd>
          </div>
        ))}
      </dl>
      {children}
      {onEnd &&
        (confirming ? (
          <div role="alertdialog" aria-label={t("endConfirmTitle")} className="flex w-full flex-wrap items-center gap-2 rounded-md bg-rose-950/80 p-2 text-sm sm:w-auto">
            {/* On a phone the text takes the whole width and the buttons go below it. */}
            <div className="min-w-0 flex-1 basis-full sm:basis-auto">
              <p>
                <strong>{t("endConfirmTitle")}</strong> {t("endConfirmBody")}
              </p>
              {unmarked.length > 0 && (
                <div className="mt-1" data-testid="end-unverified">
                  <p>{t("endUnverified", { count: unmarked.length })}</p>
                  <ul className="my-1 flex flex-wrap gap-1">
                    {unmarked.map((name, index) => (
                      <li key={`${index}:${name}`} className={`rounded-full px-2 py-0.5 text-xs ${STATUS_COLOURS.unverified.chip}`}>
                        {name}
                      </li>
                    ))}
                  </ul>
                  <p className="text-xs text-rose-100">{t("endUnverifiedHint")}</p>
                </div>
              )}
            </div>
            <button type="button" onClick={() => setConfirming(false)} className="ml-auto min-h-9 rounded-md bg-white/10 px-3 hover:bg-white/20">
              {t("cancel")}
            </button>
            <button type="button" onClick={onEnd} disabled={ending} className="min-h-9 rounded-md bg-rose-600 px-3 font-medium hover:bg-rose-500 disabled:opacity-60">
              {ending ? t("ending") : t("endConfirm")}
            </button>
          </div>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} className="min-h-9 rounded-md bg-rose-600 px-3 text-sm font-medium hover:bg-rose-500">
            {t("end")}
          </button>
        ))}
    </header>
  );
}
