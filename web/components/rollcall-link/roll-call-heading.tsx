"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { LinkState } from "@/lib/client/rollcall-link";

/** Which roll call this link is for: enough to recognise it, nothing about the person. */
export function RollCallHeading({ rollCall, step }: { rollCall: LinkState["rollCall"]; step: 1 | 2 | 3 }) {
  const t = useTranslations("rollcallLink");
  const format = useFormatter();
  const start = new Date(rollCall.startsAt);
  const end = new Date(rollCall.endsAt);
  return (
    <header className="flex flex-col gap-1">
      <p className="text-xs font-medium text-brand-700">{t("steps", { step })}</p>
      <h1 className="text-xl font-semibold text-slate-900" data-testid="rollcall-title">
        {rollCall.title}
      </h1>
      <p className="text-sm text-slate-600">{t("unit", { unit: rollCall.unitName })}</p>
      <p className="text-sm text-slate-600" data-testid="rollcall-window">
        {t("window", {
          start: format.dateTime(start, { month: "long", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit" }),
          end: format.dateTime(end, { hour: "2-digit", minute: "2-digit" }),
        })}
      </p>
    </header>
  );
}
