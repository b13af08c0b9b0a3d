import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ReportCallConsole } from "@/components/report-calls/report-call-console";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { orNotFound } from "@/lib/pages/or-not-found";
import { getReportCall } from "@/lib/report-calls/get-report-call";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reportCalls"))("title") };
}

export default async function ReportCallPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/reports/${id}`);
  const call = await orNotFound(getReportCall(actor, id));
  const t = await getTranslations("reportCalls");
  return (
    <>
      <BackLink href="/reports" label={t("back")} />
      <PageHeader title={call.title} description={`${call.unitName} · ${t(`state.${call.state}`)}`} />
      <ReportCallConsole initial={call} />
    </>
  );
}
