import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { VisitSummary } from "@/lib/visits/to-visit-summary";

/** Visits as a table that scrolls sideways on a phone; each row opens the visit's record. */
export async function VisitTable({ items }: { items: VisitSummary[] }) {
  const [t, ts, tk, tr, format] = await Promise.all([
    getTranslations("visits.list"),
    getTranslations("visits.state"),
    getTranslations("visits.kind"),
    getTranslations("visits.relationship"),
    getFormatter(),
  ]);
  if (items.length === 0) return <p className="rounded-md bg-white p-4 text-sm text-slate-600">{t("empty")}</p>;
  const when = (iso: string) => format.dateTime(new Date(iso), { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Asia/Shanghai" });
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid="visit-table">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2">{t("code")}</th>
            <th className="px-3 py-2">{t("heldPerson")}</th>
            <th className="px-3 py-2">{t("place")}</th>
            <th className="px-3 py-2">{t("time")}</th>
            <th className="px-3 py-2">{t("applicant")}</th>
            <th className="px-3 py-2">{t("submitted")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((v) => (
            <tr key={v.id} className="border-t border-slate-100" data-visit-id={v.id}>
              <td className="px-3 py-2 whitespace-nowrap">
                <Link href={`/visits/${v.id}`} className="font-mono text-brand-700 underline">
                  {v.code}
                </Link>
                <div className="text-xs text-slate-500">
                  {tk(v.kind)} · {ts(v.state)}
                  {v.privileged ? ` · ${t("privileged")}` : ""}
                </div>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {v.heldPerson.name}
                <div className="text-xs text-slate-500">{v.facility.name}</div>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{v.fromHome ? t("homeShort") : v.familyRoom ? `${v.familyRoom.unitName} ${v.familyRoom.name}` : "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap tabular-nums">{v.startsAt ? when(v.startsAt) : v.preferredSlots.map(when).join("、") || "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap">{v.applicant ? `${v.applicant.name}（${tr(v.applicant.relationship as "parent")}）` : "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap tabular-nums">{when(v.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
