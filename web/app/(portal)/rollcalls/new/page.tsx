import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ScheduleForm } from "@/components/rollcalls/schedule-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { canScheduleRollCalls } from "@/lib/pages/roll-call-access";
import { scheduleUnitOptions } from "@/lib/pages/roster-scope";
import { listRosterCandidates, MAX_ROSTER_CANDIDATES } from "@/lib/rollcalls/list-roster-candidates";
import { listUnitTree } from "@/lib/units/list-unit-tree";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rollcall"))("form.newTitle") };
}

export default async function NewRollCallPage() {
  const actor = await requirePageActor("/rollcalls/new");
  // Inspectors get no form at all, not a form that fails on save.
  if (!canScheduleRollCalls(actor.role)) notFound();
  const [tree, candidates, t] = await Promise.all([listUnitTree(actor), listRosterCandidates(actor), getTranslations("rollcall")]);
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader title={t("form.newTitle")} description={t("form.newHint")} />
      <ScheduleForm units={scheduleUnitOptions(tree)} candidates={candidates.items} truncatedAt={candidates.truncated ? MAX_ROSTER_CANDIDATES : null} />
    </div>
  );
}
