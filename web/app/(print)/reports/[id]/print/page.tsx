import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { PrintFacts } from "@/components/print/print-facts";
import { PrintToolbar } from "@/components/rollcalls/print-toolbar";
import { requirePageActor } from "@/lib/auth/page-actor";
import { orNotFound } from "@/lib/pages/or-not-found";
import { PRINT_CELL as cell, printFormats } from "@/lib/print/print-formats";
import { getReportCall } from "@/lib/report-calls/get-report-call";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reportCalls"))("printTitle") };
}

/** The report call's record on one A4 sheet, like the 点名记录表: each center, its answer time and mark. */
export default async function ReportCallPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/reports/${id}/print`);
  const call = await orNotFound(getReportCall(actor, id));
  const [t, format] = await Promise.all([getTranslations("reportCalls"), getFormatter()]);
  const { full, clock } = printFormats(format);
  const counts = { reported: 0, absent: 0, waiting: 0 };
  for (const c of call.centers) counts[c.status] += 1;
  return (
    <>
      <PrintToolbar backHref={`/reports/${call.id}`} backLabel={t("back")} printLabel={t("print")} />
      <article className="text-[12pt] leading-snug" data-testid="print-record">
        <h1 className="mb-4 text-center text-xl font-bold tracking-wide">{t("printTitle")}</h1>
        <PrintFacts
          facts={[
            [t("caller"), call.unitName],
            [t("titleField"), call.title],
            [t("createdAt"), full(call.createdAt)],
            [t("endedAt"), call.endedAt ? full(call.endedAt) : t("state.live")],
            [t("createdBy"), call.createdBy],
            [t("centers"), t("summary", { total: call.centers.length, ...counts })],
          ]}
        />
        <table className="w-full border-collapse text-[10.5pt]" data-testid="print-table">
          <thead>
            <tr>
              {["#", t("centers"), t("answeredAt"), t("answeredBy"), t("calledAt"), t("markedAt"), t("mark")].map((head, i) => (
                <th key={i} scope="col" className={`${cell} text-left font-semibold`}>{head}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {call.centers.map((c, index) => (
              <tr key={c.id} className="break-inside-avoid">
                <td className={`${cell} text-center tabular-nums`}>{index + 1}</td>
                <td className={cell}>{c.unitName}</td>
                <td className={`${cell} tabular-nums`}>{clock(c.answeredAt) || t("notAnswered")}</td>
                <td className={cell}>{c.answeredBy ?? ""}</td>
                <td className={`${cell} tabular-nums`}>{clock(c.calledAt)}</td>
                <td className={`${cell} tabular-nums`}>{clock(c.markedAt)}</td>
                <td className={`${cell} font-semibold`}>{t(`status.${c.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </article>
    </>
  );
}
