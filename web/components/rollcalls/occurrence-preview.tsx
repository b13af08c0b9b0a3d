"use client";

import { useFormatter, useTranslations } from "next-intl";
import { occurrences } from "@/lib/rollcalls/occurrences";

const SHOWN = 12;

/** The dates the server will create, computed by the same function the server runs. */
export function OccurrencePreview({ startsAt, rrule, errorText }: { startsAt: string | null; rrule: string | undefined; errorText: (key: string) => string | undefined }) {
  const t = useTranslations("rollcall.repeat");
  const format = useFormatter();
  if (!startsAt) return <p className="text-sm text-slate-500">{t("previewNone")}</p>;
  const dates = occurrences(new Date(startsAt), rrule);
  if ("error" in dates) {
    return (
      <p className="text-sm text-red-700" role="status">
        {t("previewError", { reason: errorText(dates.error) ?? dates.error })}
      </p>
    );
  }
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="occurrence-preview" aria-live="polite">
      <p className="text-sm font-medium text-slate-700">{t("preview", { count: dates.length })}</p>
      <ol className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm tabular-nums text-slate-800 sm:grid-cols-2 lg:grid-cols-3">
        {dates.slice(0, SHOWN).map((date) => (
          <li key={date.getTime()} data-occurrence={date.toISOString()}>
            {format.dateTime(date, { year: "numeric", month: "short", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit" })}
          </li>
        ))}
      </ol>
      {dates.length > SHOWN && <p className="mt-1 text-sm text-slate-500">{t("previewMore", { count: dates.length - SHOWN })}</p>}
    </div>
  );
}
