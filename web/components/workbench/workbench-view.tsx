import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { StatCard } from "@/components/dashboard/stat-card";
import { buttonClass } from "@/components/ui/button-styles";
import { Card } from "@/components/ui/card";
import type { getWorkbench } from "@/lib/workbench/get-workbench";
import { PendingCheckIns } from "./pending-checkins";

type Workbench = Awaited<ReturnType<typeof getWorkbench>>;

const row = "flex flex-col gap-2 rounded-md border border-slate-200 p-3 text-sm sm:flex-row sm:items-center sm:justify-between";
// Chips: dark text on light fills, each pair ≥ 4.5:1 (WCAG AA).
const chip = "inline-flex items-center whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium";
const TONE = { live: "bg-emerald-100 text-emerald-900", scheduled: "bg-sky-100 text-sky-900", ended: "bg-slate-100 text-slate-800", late: "bg-rose-100 text-rose-900", open: "bg-amber-100 text-amber-900", later: "bg-slate-100 text-slate-800" } as const;

function Section({ id, title, count, children }: { id: string; title: string; count?: number; children: ReactNode }) {
  return (
    <div id={id} className="scroll-mt-20" data-testid={`workbench-${id}`}>
      <Card title={count === undefined ? title : `${title}（${count}）`}>{children}</Card>
    </div>
  );
}

/**
 * The officer's workbench (home page): today's roll calls, self check-ins due, missed and waiting
 * for review, visits and applications, live meetings; each item one click from its action. A
 * superior (city, province) also gets the counts per unit of the subtree.
 */
export function WorkbenchView({ data, unitName, canAct, isSuperior }: { data: Workbench; unitName: string; canAct: boolean; isSuperior: boolean }) {
  const t = useTranslations("workbench");
  const format = useFormatter();
  const time = (iso: string) => format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Shanghai" });
  const dateTime = (iso: string) => format.dateTime(new Date(iso), { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Asia/Shanghai" });
  // A window that ends at midnight ends at 24:00 of its day, not at 00:00.
  const windowEnd = (startsAt: string, endsAt: string) => (Date.parse(endsAt) - Date.parse(startsAt) > 0 && time(endsAt) === "00:00" ? "24:00" : time(endsAt));
  const c = data.checkIns;
  const more = (shown: number, total: number) => (total > shown ? <p className="text-xs text-slate-600">{t("more", { count: total - shown })}</p> : null);

  return (
    <div className="flex flex-col gap-5" data-testid="workbench">
      <div>
        <h1 className="text-xl font-semibold text-slate-900 sm:text-2xl">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("subtitle", { date: data.date, unit: unitName })}</p>
        {!canAct && <p className="mt-1 text-sm text-slate-700">{t("readOnly")}</p>}
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7">
        <StatCard label={t("stat.pending")} value={c.pendingCount} href="#pending" />
        <StatCard label={t("stat.rollCalls")} value={data.rollCalls.length} href="#rollcalls" />
        <StatCard label={t("stat.due")} value={c.dueCount} href="#checkins" />
        <StatCard label={t("stat.late")} value={c.lateCount} href="#checkins" />
        <StatCard label={t("stat.visits")} value={data.visits.today.length} href="#visits" />
        <StatCard label={t("stat.applications")} value={data.visits.waitingCount} href="#visits" />
        <StatCard label={t("stat.liveRooms")} value={data.liveRooms.length} href="#rooms" />
      </div>

      <div className="grid gap-5 lg:grid-cols-2">
        <Section id="pending" title={t("pendingTitle")} count={c.pendingCount}>
          <PendingCheckIns initial={c.pending} canDecide={canAct} />
          {more(c.pending.length, c.pendingCount)}
        </Section>

        <Section id="rollcalls" title={t("rollCallsTitle")} count={data.rollCalls.length}>
          {data.rollCalls.length === 0 ? (
            <p className="text-sm text-slate-600">{t("rollCallsNone")}</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {data.rollCalls.map((r) => (
                <li key={r.id} className={row} data-testid="workbench-rollcall">
                  <div className="flex min-w-0 flex-col gap-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-semibold text-slate-900">{r.title}</span>
                      <span className={`${chip} ${TONE[r.state === "live" ? "live" : r.state === "ended" ? "ended" : "scheduled"]}`}>{t(`rollCallState.${r.state as "live"}`)}</span>
                    </div>
                    <span className="text-slate-700">{t("rollCallLine", { start: time(r.startsAt), end: time(r.endsAt), roster: r.roster, waiting: r.waiting, marked: r.marked })}</span>
                    {isSuperior && <span className="text-xs text-slate-600">{r.unitName}</span>}
                  </div>
                  {canAct && r.state !== "ended" ? (
                    <Link href={`/rollcalls/${r.id}/console`} className={buttonClass("primary", "self-start sm:self-auto")}>
                      {t("openConsole")}
                    </Link>
                  ) : (
                    <Link href={`/rollcalls/${r.id}`} className={buttonClass("secondary", "self-start sm:self-auto")}>
                      {t("viewRollCall")}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Section>

        <Section id="checkins" title={t("checkInsTitle")} count={c.dueCount + c.lateCount}>
          {c.due.length + c.late.length === 0 ? (
            <p className="text-sm text-slate-600">{t("checkInsNone")}</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {[...c.late, ...c.due].map((d) => (
                <li key={`${d.personId}|${d.windowKey}`} className={row} data-testid="workbench-due" data-state={d.state} data-person={d.personName}>
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-semibold text-slate-900">{d.personName}</span>
                    <span className={`${chip} ${TONE[d.state]}`}>{t(`dueState.${d.state}`, { start: time(d.startsAt), end: windowEnd(d.startsAt, d.endsAt) })}</span>
                    {isSuperior && <span className="text-xs text-slate-600">{d.unitName}</span>}
                  </div>
                  <Link href={`/persons/${d.personId}/face`} className={buttonClass("secondary", "self-start sm:self-auto")}>
                    {t("open")}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2 text-xs text-slate-600">{t("doneToday", { count: c.doneToday })}</p>
          {more(c.due.length + c.late.length, c.dueCount + c.lateCount)}
        </Section>

        <Section id="visits" title={t("visitsTitle")} count={data.visits.today.length + data.visits.waitingCount}>
          {data.visits.today.length + data.visits.waiting.length === 0 ? (
            <p className="text-sm text-slate-600">{t("visitsNone")}</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {data.visits.today.map((v) => (
                <li key={v.id} className={row} data-testid="workbench-visit">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="text-slate-900">{t("visitLine", { time: time(v.startsAt), held: v.heldPersonName, unit: v.unitName })}</span>
                    <span className={`${chip} ${TONE[v.state === "in_progress" ? "live" : v.state === "ended" ? "ended" : "scheduled"]}`}>{t(`visitState.${v.state as "booked"}`)}</span>
                  </div>
                  <Link href={`/visits/${v.id}`} className={buttonClass("secondary", "self-start sm:self-auto")}>
                    {t("open")}
                  </Link>
                </li>
              ))}
              {data.visits.waiting.map((v) => (
                <li key={v.id} className={row} data-testid="workbench-application">
                  <span className="text-slate-900">{t("applicationLine", { held: v.heldPersonName, unit: v.unitName, at: dateTime(v.createdAt) })}</span>
                  <Link href={`/visits/${v.id}`} className={buttonClass(canAct ? "primary" : "secondary", "self-start sm:self-auto")}>
                    {t("review")}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {more(data.visits.waiting.length, data.visits.waitingCount)}
        </Section>

        <Section id="rooms" title={t("liveRoomsTitle")} count={data.liveRooms.length}>
          {data.liveRooms.length === 0 ? (
            <p className="text-sm text-slate-600">{t("liveRoomsNone")}</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {data.liveRooms.map((r) => (
                <li key={r.id} className={row} data-testid="workbench-room">
                  <div className="flex flex-col gap-1">
                    <span className="font-semibold text-slate-900">{r.title}</span>
                    <span className="text-xs text-slate-600">
                      {r.unitName} · {dateTime(r.createdAt)}
                    </span>
                  </div>
                  <Link href={`/rooms/${r.id}`} className={buttonClass("secondary", "self-start sm:self-auto")}>
                    {t("join")}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>

      {isSuperior && data.byUnit.length > 0 && (
        <Card title={t("byUnitTitle")}>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[36rem] text-left text-sm" data-testid="workbench-by-unit">
              <thead className="text-xs text-slate-600">
                <tr>
                  <th className="py-2 pr-3 font-medium">{t("unit")}</th>
                  {(["pending", "rollCalls", "due", "late", "visits", "applications", "liveRooms"] as const).map((k) => (
                    <th key={k} className="px-2 py-2 text-right font-medium">
                      {t(`stat.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.byUnit.map((u) => (
                  <tr key={u.unitId} className="border-t border-slate-100">
                    <td className="py-2 pr-3 text-slate-900">{u.unitName}</td>
                    {(["pending", "rollCalls", "due", "late", "visits", "applications", "liveRooms"] as const).map((k) => (
                      <td key={k} className={`px-2 py-2 text-right tabular-nums ${k === "late" && u.late > 0 ? "font-semibold text-rose-800" : "text-slate-800"}`}>
                        {u[k]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </div>
  );
}
