import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { PrintToolbar } from "@/components/rollcalls/print-toolbar";
import { requirePageActor } from "@/lib/auth/page-actor";
import { orNotFound } from "@/lib/pages/or-not-found";
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
  const full = (iso: string) => format.dateTime(new Date(iso), { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
  const clock = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit", second: "2-digit" }) : "");
  const counts = { reported: 0, absent: 0, waiting: 0 };
  for (const c of call.centers) counts[c.status] += 1;
  const cell = "border border-black px-1.5 py-1 align-top";
  return (
    <>
      <PrintToolbar backHref={`/reports/${call.id}`} backLabel={t("back")} printLabel={t("print")} />
      <article className="text-[12pt] leading-snug" data-testid="print-record">
        <h1 className="mb-4 text-center text-xl font-bold tracking-wide">{t("printTitle")}</h1>
        <dl className="mb-3 grid grid-cols-1 gap-x-6 gap-y-1 text-[11pt] sm:grid-cols-2">
          {[
            [t("caller"), call.unitName],
            [t("titleField"), call.title],
            [t("createdAt"), full(call.createdAt)],
            [t("endedAt"), call.endedAt ? full(call.endedAt) : t("state.live")],
            [t("createdBy"), call.createdBy],
            [t("centers"), t("summary", { total: call.centers.length, ...counts })],
          ].map(([label, value]) => (
            <div key={label} className="flex gap-2 break-inside-avoid">
              <dt className="shrink-0 font-semibold">{label}：</dt>
              <dd className="min-w-0">{value}</dd>
            </div>
          ))}
        </dl>
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
