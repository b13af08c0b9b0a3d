import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { PrintFacts } from "@/components/print/print-facts";
import { ChallengeText } from "@/components/rollcalls/challenge-text";
import { RecordNotes } from "@/components/rollcalls/record-notes";
import { PrintToolbar } from "@/components/rollcalls/print-toolbar";
import { requirePageActor } from "@/lib/auth/page-actor";
import { faceMatchText } from "@/lib/faces/face-match-text";
import { orNotFound } from "@/lib/pages/or-not-found";
import { PRINT_CELL as cell, printFormats } from "@/lib/print/print-formats";
import { getRollCallRecord } from "@/lib/rollcalls/get-roll-call-record";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rollcall"))("print.title") };
}

/** The 点名记录表: the roll call's record on one A4 sheet, to sign and file. */
export default async function RollCallPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/rollcalls/${id}/print`);
  const record = await orNotFound(getRollCallRecord(actor, id));
  const [t, tr, format] = await Promise.all([getTranslations("rollcall"), getTranslations("rollcallPass2.record"), getFormatter()]);
  const { full, hourMinute, clock } = printFormats(format);
  const held = record.openedAt ? `${full(record.openedAt)} – ${record.endedAt ? hourMinute(record.endedAt) : ""}` : t("print.notHeld");
  return (
    <>
      <PrintToolbar backHref={`/rollcalls/${record.id}`} backLabel={t("print.back")} printLabel={t("print.print")} />
      <article className="text-[12pt] leading-snug" data-testid="print-record">
        <h1 className="mb-4 text-center text-xl font-bold tracking-wide">{t("print.title")}</h1>
        <PrintFacts
          facts={[
            [t("print.unit"), record.unitName],
            [t("print.rollCall"), record.title],
            [t("print.scheduled"), `${full(record.startsAt)} – ${hourMinute(record.endsAt)}`, "print-planned"],
            [t("print.held"), held, "print-actual"],
            [t("print.officer"), record.endedBy ?? record.openedBy ?? record.createdBy ?? ""],
            [t("print.counts"), t("print.countsLine", { total: record.total, ...record.counts })],
          ]}
        />
        <table className="w-full border-collapse text-[10.5pt]" data-testid="print-table">
          <thead>
            <tr>
              {[t("print.index"), t("detail.person"), t("detail.office"), t("detail.status"), t("summary.joinedAt"), t("summary.answeredAt"), t("summary.challenge"), tr("snapshot"), t("print.remarks")].map((head) => (
                <th key={head} scope="col" className={`${cell} text-left font-semibold`}>
                  {head}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {record.entries.map((entry, index) => (
              <tr key={entry.id} className="break-inside-avoid">
                <td className={`${cell} text-center tabular-nums`}>{index + 1}</td>
                <td className={cell}>{entry.personName}</td>
                <td className={cell}>{entry.unitName}</td>
                <td className={`${cell} font-semibold`}>{t(`attendance.${entry.status}`)}</td>
                <td className={`${cell} tabular-nums`}>{clock(entry.joinedAt)}</td>
                <td className={`${cell} tabular-nums`}>{clock(entry.answeredAt)}</td>
                <td className={cell}>
                  <ChallengeText challenge={entry.challenge} />
                  {entry.faceMatch && <span className="block text-[9.5pt]" data-testid="print-face-match">{t("print.faceMatch", { text: faceMatchText(entry.faceMatch) })}</span>}
                </td>
                <td className={`${cell} w-[12%]`}>
                  {entry.evidenceUrl && (
                    // eslint-disable-next-line @next/next/no-img-element -- a session-guarded API image, printed as kept
                    <img src={entry.evidenceUrl} alt={tr("snapshot")} className="h-14 w-auto" data-testid="print-snapshot" />
                  )}
                </td>
                <td className={`${cell} w-[22%]`}>
                  <RecordNotes entry={entry} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-10 grid grid-cols-1 gap-8 break-inside-avoid sm:grid-cols-3 print:grid-cols-3">
          {[t("print.signOfficer"), t("print.signReviewer"), t("print.signDate")].map((label) => (
            <p key={label} className="flex items-end gap-2">
              <span className="shrink-0">{label}</span>
              <span className="mb-1 block h-px flex-1 bg-black" />
            </p>
          ))}
        </div>
        <p className="mt-6 text-right text-[9pt] text-slate-700 print:text-black">{t("print.printedAt", { at: full(new Date().toISOString()) })}</p>
      </article>
    </>
  );
}
