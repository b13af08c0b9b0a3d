import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { DecisionPanel } from "@/components/visits/decision-panel";
import { VisitRecordingLine } from "@/components/recording-playback/visit-recording-line";
import { VisitDayPanel } from "@/components/visit-day/visit-day-panel";
import { daySideOf, isVisitDayNow } from "@/lib/visits/day/day-access";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { orNotFound } from "@/lib/pages/or-not-found";
import { ZId } from "@/lib/schemas/common";
import { getVisit } from "@/lib/visits/get-visit";
import { listVisitRooms } from "@/lib/visits/visit-rooms";
import { notFound } from "next/navigation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("visits.detail"))("record") };
}

/** A visit's record, with the proof and the decision panel for the facility's own officers. */
export default async function VisitPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/visits/${id}`);
  if (!ZId.safeParse(id).success) notFound();
  const visit = await orNotFound(getVisit(actor, id));
  const daySide = visit.state === "booked" || visit.state === "in_progress" ? await daySideOf(actor, visit.id) : null;
  const today = isVisitDayNow({ state: visit.state, startsAt: visit.startsAt ? new Date(visit.startsAt) : null, endsAt: visit.endsAt ? new Date(visit.endsAt) : null });
  const canCancel = visit.state === "booked" && (daySide === "facility" || (daySide === "center" && visit.kind === "help_education"));
  const tRecord = await getTranslations("visitDay.record");
  const [t, tl, tst, ts, tk, te, tr, tPreset, format] = await Promise.all([
    getTranslations("visits.detail"),
    getTranslations("visits.list"),
    getTranslations("visits.status"),
    getTranslations("visits.state"),
    getTranslations("visits.kind"),
    getTranslations("visits.ended"),
    getTranslations("visits.relationship"),
    getTranslations("visitRoom.notice.preset"),
    getFormatter(),
  ]);
  const canDecide = visit.state === "submitted" && actor.unitId === visit.facility.id && actor.role !== "inspector";
  const terminals = canDecide ? (await listVisitRooms(actor)).items.filter((r) => r.kind === "terminal" && r.unitId === visit.facility.id) : [];
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Asia/Shanghai" }) : "—");
  const rel = (r: string) => (r ? tr(r as "parent") : "");
  return (
    <>
      <PageHeader title={t("title", { code: visit.code })} description={`${tk(visit.kind)} · ${ts(visit.state)}`} />
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <div className="flex flex-col gap-4">
          <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="visit-record" data-state={visit.state}>
            <h2 className="mb-3 text-base font-semibold">{t("record")}</h2>
            <DescriptionList
              items={[
                { label: tl("heldPerson"), value: <Link className="text-brand-700 underline" href={`/held-persons/${visit.heldPerson.id}`}>{visit.heldPerson.name}（{visit.facility.name}）</Link> },
                { label: tl("place"), value: visit.fromHome ? tl("homeShort") : visit.familyRoom ? `${visit.familyRoom.unitName} ${visit.familyRoom.name}` : "—" },
                { label: t("terminal"), value: visit.terminal?.name ?? "—" },
                { label: tl("time"), value: visit.startsAt ? `${when(visit.startsAt)} – ${when(visit.endsAt)}` : "—" },
                { label: t("preferred"), value: visit.preferredSlots.map(when).join("、") || "—" },
                { label: t("decidedBy"), value: visit.decidedBy ? `${visit.decidedBy} · ${when(visit.decidedAt)}` : "—" },
                { label: t("mustRecord"), value: visit.privileged ? t("privilegedNote") : visit.mustRecord ? t("yes") : t("no") },
                ...(visit.startedAt ? [{ label: tRecord("startedAt"), value: when(visit.startedAt) }] : []),
                ...(visit.endedAt ? [{ label: tRecord("endedAt"), value: when(visit.endedAt) }] : []),
                { label: t("endedHow"), value: visit.endedHow ? te(visit.endedHow as "on_time") : "—" },
                { label: t("duration"), value: visit.durationSeconds !== null ? t("minutes", { n: Math.round(visit.durationSeconds / 60) }) : "—" },
                ...(visit.endReason ? [{ label: t("endReason"), value: `${visit.endReason}${visit.endedBy ? `（${visit.endedBy}）` : ""}` }] : []),
                ...(visit.rejectReason ? [{ label: tst("reason"), value: visit.rejectReason }] : []),
                ...(visit.socialWorker ? [{ label: t("socialWorker"), value: visit.socialWorker }] : []),
              ]}
            />
            {!visit.privileged && (
              <div className="mt-3">
                <VisitRecordingLine actor={actor} roomId={visit.roomId} />
              </div>
            )}
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-3 text-base font-semibold">{t("participants")}</h2>
            <ul className="flex flex-col gap-2 text-sm">
              {visit.participants.map((p) => (
                <li key={p.id} className="flex flex-wrap gap-x-3">
                  <span className="font-medium">{p.name}</span>
                  <span className="text-slate-600">{rel(p.relationship)}</span>
                  {p.idNumberMasked && <span className="font-mono text-slate-500">{p.idNumberMasked}</span>}
                  <span className="text-slate-600">{p.verifiedAt ? `${t("verified")}：${p.verifiedBy ?? ""} ${when(p.verifiedAt)}（${p.verifyMethod === "id_card" || p.verifyMethod === "home_snapshot" ? tRecord(`method.${p.verifyMethod}`) : ""}）` : t("notVerified")}</span>
                </li>
              ))}
            </ul>
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-3 text-base font-semibold">{t("warnings")}</h2>
            {visit.warnings.length === 0 ? (
              <p className="text-sm text-slate-600">{t("noWarnings")}</p>
            ) : (
              <ul className="text-sm">
                {visit.warnings.map((w, i) => (
                  <li key={i}>
                    {when(w.at)} {w.by ?? ""}：{w.text.startsWith("preset:") ? tPreset(w.text.slice(7) as "conduct") : w.text}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <div className="flex flex-col gap-4">
          {visit.hasProof && (
            <section className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="mb-3 text-base font-semibold">{t("proof")}</h2>
              {visit.proofMime === "application/pdf" ? (
                <a className="text-brand-700 underline" href={`/api/v1/visits/${visit.id}/proof`}>
                  {t("proofPdf")}
                </a>
              ) : (
                // eslint-disable-next-line @next/next/no-img-element -- an API image behind the session, not a static asset
                <img src={`/api/v1/visits/${visit.id}/proof`} alt={t("proof")} className="max-h-96 w-full rounded object-contain" data-testid="visit-proof" />
              )}
            </section>
          )}
          {daySide && (
            <VisitDayPanel
              visitId={visit.id}
              version={visit.version}
              side={daySide}
              today={today}
              fromHome={visit.fromHome}
              canCancel={canCancel}
              participants={visit.participants.map((p) => ({ id: p.id, name: p.name, verifyMethod: p.verifyMethod, link: p.link }))}
            />
          )}
          {canDecide && (
            <DecisionPanel
              visitId={visit.id}
              version={visit.version}
              preferred={visit.preferredSlots}
              familyRoomId={visit.familyRoom?.id ?? null}
              facilityId={visit.facility.id}
              terminals={terminals.map((x) => ({ id: x.id, name: x.name }))}
              participants={visit.participants.filter((p) => p.idNumberMasked).map((p) => ({ id: p.id, name: p.name, role: p.role }))}
            />
          )}
        </div>
      </div>
    </>
  );
}
