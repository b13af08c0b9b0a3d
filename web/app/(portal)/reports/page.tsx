import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ReportCallForm } from "@/components/report-calls/report-call-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { listReportCalls } from "@/lib/report-calls/list-report-calls";
import { listReportCandidates } from "@/lib/report-calls/list-report-candidates";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reportCalls"))("title") };
}

const time = (iso: string) => new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

/** 现场点名汇报: call subordinate centers, and the record of past calls. */
export default async function ReportCallsPage() {
  const actor = await requirePageActor("/reports");
  const [calls, candidates, t, ti] = await Promise.all([listReportCalls(actor), listReportCandidates(actor), getTranslations("reportCalls"), getTranslations("inspection")]);
  const levelNames = Object.fromEntries([1, 2, 3, 4, 5].map((l) => [l, ti(`levels.${l}` as "levels.2")]));
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle", { unit: actor.unitName })} />
      <div className="mb-5">
        {actor.role === "inspector" ? (
          <Alert>{t("readOnly")}</Alert>
        ) : (
          <Card title={t("new")}>
            <ReportCallForm candidates={candidates.items} ownUnitId={actor.unitId} levelNames={levelNames} />
          </Card>
        )}
      </div>
      {calls.items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {calls.items.map((call) => {
            const reported = call.centers.filter((c) => c.status === "reported").length;
            return (
              <li key={call.id}>
                <Link href={`/reports/${call.id}`} className="flex flex-col gap-1 px-4 py-3 hover:bg-slate-50 sm:flex-row sm:items-center sm:gap-4">
                  <span className="min-w-0 flex-1 font-medium text-slate-900">{call.title}</span>
                  <span className="text-sm text-slate-600">{call.unitName} · {time(call.createdAt)}</span>
                  <span className="text-sm text-slate-700">{t(`state.${call.state}`)} · {reported}/{call.centers.length}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
