import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { RulesForm } from "@/components/visits/rules-form";
import { VisitTable } from "@/components/visits/visit-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { orNotFound } from "@/lib/pages/or-not-found";
import { ZId } from "@/lib/schemas/common";
import { getHeldPerson, listVisitors } from "@/lib/visits/held-persons";
import { listVisits } from "@/lib/visits/list-visits";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("visits.detail"))("history") };
}

/** A held person's visit history and, for the facility side, the visitor list with bans. */
export default async function HeldPersonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/held-persons/${id}`);
  if (!ZId.safeParse(id).success) notFound();
  const held = await orNotFound(getHeldPerson(actor, id));
  const [history, visitors, t, tv, tr, format] = await Promise.all([
    listVisits(actor, { heldPersonId: id }),
    held.facilitySide ? listVisitors(actor, id) : Promise.resolve(null),
    getTranslations("visits.detail"),
    getTranslations("visits.visitors"),
    getTranslations("visits.relationship"),
    getFormatter(),
  ]);
  const day = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { year: "numeric", month: "numeric", day: "numeric", timeZone: "Asia/Shanghai" }) : "—");
  return (
    <>
      <PageHeader title={held.name} description={held.facilityName} />
      <h2 className="mb-2 text-base font-semibold">{t("history")}</h2>
      <VisitTable items={history.items} />
      {held.canDecide && (
        <div className="mt-6">
          <RulesForm heldPersonId={held.id} initial={held.rules} />
        </div>
      )}
      {visitors && (
        <section className="mt-6">
          <h2 className="mb-2 text-base font-semibold">{t("visitors")}</h2>
          {visitors.items.length === 0 ? (
            <p className="text-sm text-slate-600">{tv("none")}</p>
          ) : (
            <ul className="flex flex-col gap-1 rounded-md border border-slate-200 bg-white p-3 text-sm" data-testid="visitor-list">
              {visitors.items.map((v) => (
                <li key={v.id} className="flex flex-wrap gap-x-3">
                  <span className="font-medium">{v.name}</span>
                  <span>{tr(v.relationship as "parent")}</span>
                  <span className="font-mono text-slate-500">{v.idNumberMasked}</span>
                  {v.verifiedAt && (
                    <span className="text-slate-600">
                      {tv("verifiedBy")} {v.verifiedBy} · {day(v.verifiedAt)}
                    </span>
                  )}
                  {v.bannedUntil && new Date(v.bannedUntil) > new Date() && (
                    <span className="text-red-700">
                      {tv("bannedUntil")} {day(v.bannedUntil)}：{v.banReason}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
