import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MonthlyChart } from "@/components/visits/monthly-chart";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { monthlyVisitCounts } from "@/lib/visits/visit-stats";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("visits.stats"))("title") };
}

export default async function VisitStatsPage() {
  const actor = await requirePageActor("/visits/stats");
  const [data, t, tl] = await Promise.all([monthlyVisitCounts(actor, 12), getTranslations("visits.stats"), getTranslations("visits.list")]);
  return (
    <>
      <PageHeader title={t("title")} />
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        {data.byFacility.length === 0 ? <p className="text-sm text-slate-600">{tl("empty")}</p> : <MonthlyChart months={data.months} byFacility={data.byFacility} label={t("chart")} />}
      </section>
    </>
  );
}
