import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StatCard } from "@/components/dashboard/stat-card";
import { UnitTree } from "@/components/units/unit-tree";
import { WorkbenchView } from "@/components/workbench/workbench-view";
import { Card } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/page-actor";
import { canWritePersons } from "@/lib/auth/permissions";
import { flattenUnitTree } from "@/lib/pages/unit-options";
import { JUSTICE_OFFICE } from "@/lib/units/levels";
import { listUnitTree } from "@/lib/units/list-unit-tree";
import { getWorkbench } from "@/lib/workbench/get-workbench";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage() {
  const actor = await requirePageActor("/");
  const [tree, t, workbench] = await Promise.all([listUnitTree(actor), getTranslations("dashboard"), getWorkbench(actor)]);
  const units = flattenUnitTree(tree);
  return (
    <>
      {/* The officer's workbench first: the day's work (issue 13 §4); the unit overview below it. */}
      <div className="mb-8">
        <WorkbenchView data={workbench} unitName={actor.unitName} canAct={canWritePersons(actor.role)} isSuperior={actor.unitLevel < JUSTICE_OFFICE} />
      </div>
      {/* One h1 per page: the workbench's. The overview is a section of it. */}
      <h2 className="mb-4 text-lg font-semibold text-slate-900">{t("subtitle", { unit: tree.name })}</h2>
      <div className="mb-5 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard label={t("totalPersons")} value={tree.totalPersons} href="/persons" />
        <StatCard label={t("totalStaff")} value={tree.totalStaff} />
        <StatCard label={t("units")} value={units.length} />
        <StatCard label={t("offices")} value={units.filter((unit) => unit.level === JUSTICE_OFFICE).length} />
      </div>
      <Card title={t("treeTitle")}>
        <p className="mb-3 text-xs text-slate-500">{t("treeHint")}</p>
        <UnitTree roots={[tree]} />
      </Card>
    </>
  );
}
