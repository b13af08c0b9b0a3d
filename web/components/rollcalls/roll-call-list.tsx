import Link from "next/link";
import { useTranslations } from "next-intl";
import type { z } from "zod";
import { buttonClass } from "@/components/ui/button-styles";
import type { Actor } from "@/lib/auth/actor";
import { consoleHref } from "@/lib/pages/roll-call-access";
import { consoleRole } from "@/lib/rollcalls/console-role";
import { displayState, formatRate } from "@/lib/pages/roll-call-display";
import type { ZRollCallSummary } from "@/lib/schemas/rollcalls";
import { AttendanceBar } from "./attendance-bar";
import { RollCallStateBadge } from "./roll-call-badges";
import { RollCallWindow } from "./roll-call-window";

type Summary = z.infer<typeof ZRollCallSummary>;

/** One roll call a row: what, who holds it, when, how it went; live ones lead to the console. */
export function RollCallList({ items, actor, now, emptyText }: { items: Summary[]; actor: Pick<Actor, "role" | "unitId" | "userId">; now: Date; emptyText: string }) {
  const t = useTranslations("rollcall");
  if (items.length === 0) {
    return <p className="rounded-md border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500">{emptyText}</p>;
  }
  return (
    <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white" data-testid="rollcall-list">
      {items.map((item) => {
        const state = displayState(item, now);
        return (
          <li key={item.id} data-rollcall-id={item.id} className="flex flex-col gap-3 px-4 py-3 md:flex-row md:items-center md:justify-between md:gap-6">
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2">
                <Link href={`/rollcalls/${item.id}`} className="font-medium break-all text-brand-700 hover:underline">
                  {item.title}
                </Link>
                <RollCallStateBadge state={state} />
                {item.seriesId && <span className="text-xs text-slate-500">{t("row.series")}</span>}
              </div>
              <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-600">
                <span>{item.unitName}</span>
                <RollCallWindow startsAt={item.startsAt} endsAt={item.endsAt} />
                <span>{t("row.persons", { count: item.total })}</span>
              </p>
            </div>
            <div className="flex items-center gap-4 md:w-72">
              <div className="min-w-0 flex-1">
                <AttendanceBar counts={item.counts} total={item.total} />
                <p className="mt-1 text-xs text-slate-600 tabular-nums" data-testid="attendance-rate">
                  {item.attendanceRate === null || state === "scheduled" ? t("row.noRate") : t("row.rate", { rate: formatRate(item.attendanceRate) })}
                </p>
              </div>
              {state === "live" && (
                <Link href={consoleHref(item.id)} className={buttonClass("primary", "shrink-0")}>
                  {consoleRole(actor, item) === "host" ? t("enterConsole") : t("observe")}
                </Link>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
