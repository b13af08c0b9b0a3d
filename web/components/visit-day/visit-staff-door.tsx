import { getTranslations } from "next-intl/server";
import { CallFlow } from "@/components/call/call-flow";
import { requirePageActor } from "@/lib/auth/page-actor";
import { config } from "@/lib/config";
import { orNotFound } from "@/lib/pages/or-not-found";
import { getVisit } from "@/lib/visits/get-visit";
import { VisitMonitorFlow } from "./visit-monitor-flow";

/**
 * A staff door into a visit's room (server side): the record must be in the actor's reach (404
 * otherwise); the join-token route then applies the one visit-day rule (visit-day/day-access.ts)
 * and the call page shows its refusal in words.
 */
export async function VisitStaffDoor({ id, side }: { id: string; side: "terminal" | "center" | "monitor" }) {
  const actor = await requirePageActor(`/visits/${id}/${side}`);
  const visit = await orNotFound(getVisit(actor, id));
  const t = await getTranslations("visitDay.staff");
  const backHref = `/visits/${visit.id}`;
  if (side === "monitor") {
    return <VisitMonitorFlow visitId={visit.id} title={t("monitorTitle", { code: visit.code })} canStart={visit.facilitySide && actor.unitId === visit.facility.id} backHref={backHref} />;
  }
  const title = side === "terminal" ? t("terminalTitle", { name: visit.heldPerson.name }) : t("centerTitle", { code: visit.code });
  return (
    <CallFlow
      target={{ kind: "visit", visitId: visit.id, side }}
      who={{ kind: "staff", name: side === "terminal" ? visit.heldPerson.name : actor.displayName, observer: false }}
      roomTitle={title}
      mediaUrl={config().mediaPublicUrl}
      backHref={backHref}
    />
  );
}
