import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { z } from "zod";
import type { ZRollCallEntry } from "@/lib/schemas/rollcalls";
import { ChallengeText } from "./challenge-text";
import { AttendanceBadge } from "./roll-call-badges";

type Entry = z.infer<typeof ZRollCallEntry>;

/** After the end: one line per person with the times, the liveness verdict and the snapshot. */
export function SummaryTable({ entries, statusExtra }: { entries: Entry[]; statusExtra?: (entry: Entry) => ReactNode }) {
  const t = useTranslations("rollcall");
  const format = useFormatter();
  const time = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit", second: "2-digit" }) : "—");
  return (
    <div className="-mx-4 overflow-x-auto px-4">
      <table className="w-full min-w-[36rem] text-left text-sm" data-testid="summary-table">
        <thead className="border-b border-slate-200 text-xs text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">{t("detail.person")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("detail.status")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("summary.joinedAt")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("summary.answeredAt")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("summary.challenge")}</th>
            <th scope="col" className="py-2 font-medium">{t("summary.evidence")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((entry) => (
            <tr key={entry.id} data-entry-id={entry.id} className="align-middle">
              <th scope="row" className="py-2 pr-3 font-medium">
                <Link href={`/persons/${entry.personId}`} className="text-brand-700 hover:underline">
                  {entry.personName}
                </Link>
                <span className="block text-xs font-normal text-slate-500">{entry.unitName}</span>
              </th>
              <td className="py-2 pr-3">
                <AttendanceBadge status={entry.status} />
                {statusExtra?.(entry)}
              </td>
              <td className="py-2 pr-3 tabular-nums">{time(entry.joinedAt)}</td>
              <td className="py-2 pr-3 tabular-nums">{time(entry.answeredAt)}</td>
              <td className="py-2 pr-3">
                <ChallengeText challenge={entry.challenge} />
              </td>
              <td className="py-2">
                {entry.evidenceUrl ? (
                  <a href={entry.evidenceUrl} target="_blank" rel="noopener" className="block w-16">
                    <img src={entry.evidenceUrl} alt={t("summary.evidenceAlt", { name: entry.personName })} className="h-12 w-16 rounded border border-slate-200 object-cover" loading="lazy" />
                  </a>
                ) : (
                  <span className="text-slate-400">{t("summary.noEvidence")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
