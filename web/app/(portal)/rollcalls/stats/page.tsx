import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { AttendanceChart } from "@/components/rollcalls/attendance-chart";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { controlClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { orNotFound } from "@/lib/pages/or-not-found";
import { formatRate } from "@/lib/pages/roll-call-display";
import { flattenUnitTree } from "@/lib/pages/unit-options";
import { attendanceStats } from "@/lib/rollcalls/attendance-stats";
import { ZId } from "@/lib/schemas/common";
import { listUnitTree } from "@/lib/units/list-unit-tree";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rollcall"))("stats.title") };
}

const WEEK_CHOICES = [4, 8, 12, 26, 52] as const;

export default async function RollCallStatsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const actor = await requirePageActor("/rollcalls/stats");
  const unitId = ZId.safeParse(query.unitId).data;
  const weeks = WEEK_CHOICES.find((w) => String(w) === query.weeks) ?? 12;
  // Officers see their unit and the units below it; inspectors their whole subtree: the domain
  // function scopes both, the selector only offers what it would accept.
  const [stats, tree, t, format] = await Promise.all([
    orNotFound(attendanceStats(actor, { unitId, weeks })),
    listUnitTree(actor),
    getTranslations("rollcall"),
    getFormatter(),
  ]);
  const units = flattenUnitTree(tree);
  const weekLabel = (week: string) => format.dateTime(new Date(`${week}T00:00:00+08:00`), { year: "numeric", month: "short", day: "numeric" });
  const overallName = t("stats.overall", { unit: stats.unit.name });
  return (
    <>
      <BackLink href="/rollcalls" label={t("backToList")} />
      <PageHeader title={t("stats.title")} description={t("stats.subtitle")} />
      <form method="get" className="mb-5 flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:items-end">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <label htmlFor="stats-unit" className="text-sm font-medium text-slate-700">
            {t("stats.unit")}
          </label>
          <select id="stats-unit" name="unitId" defaultValue={stats.unit.id} className={controlClass()}>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {"　".repeat(Math.max(0, unit.level - tree.level))}
                {unit.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1 sm:w-40">
          <label htmlFor="stats-weeks" className="text-sm font-medium text-slate-700">
            {t("stats.weeks")}
          </label>
          <select id="stats-weeks" name="weeks" defaultValue={String(weeks)} className={controlClass()}>
            {WEEK_CHOICES.map((w) => (
              <option key={w} value={w}>
                {t("stats.weeksOption", { count: w })}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit">{t("stats.show")}</Button>
      </form>
      <div className="flex flex-col gap-5">
        <Card title={t("stats.chartTitle", { unit: stats.unit.name })}>
          {stats.overall.length === 0 ? (
            <p className="py-8 text-center text-sm text-slate-500">{t("stats.empty")}</p>
          ) : (
            <AttendanceChart
              label={t("stats.chartTitle", { unit: stats.unit.name })}
              overall={{ key: "overall", name: overallName, points: stats.overall }}
              byUnit={stats.byUnit.filter((u) => u.points.length > 0).map((u) => ({ key: u.unitId, name: u.name, points: u.points }))}
            />
          )}
        </Card>
        {stats.overall.length > 0 && (
          <Card title={t("stats.tableTitle")}>
            <div className="-mx-4 overflow-x-auto px-4">
              <table className="w-full text-left text-sm" data-testid="stats-table">
                <thead className="border-b border-slate-200 text-xs text-slate-500">
                  <tr>
                    <th scope="col" className="py-2 pr-3 font-medium">{t("stats.week")}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t("stats.rate")}</th>
                    <th scope="col" className="py-2 pr-3 font-medium">{t("stats.attended")}</th>
                    <th scope="col" className="py-2 font-medium">{t("stats.expected")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 tabular-nums">
                  {[...stats.overall].reverse().map((point) => (
                    <tr key={point.week}>
                      <th scope="row" className="py-2 pr-3 font-normal">{weekLabel(point.week)}</th>
                      <td className="py-2 pr-3 font-semibold">{formatRate(point.rate)}</td>
                      <td className="py-2 pr-3">{point.attended}</td>
                      <td className="py-2">{point.expected}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        )}
      </div>
    </>
  );
}
