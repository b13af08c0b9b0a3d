import { auditActor, type Actor } from "../../auth/actor.ts";
import { appendAuditEvent } from "../../audit/append-audit-event.ts";
import { getDb } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import { assertVisitDay, lockVisit, visitForDayAct } from "./day-access.ts";
import { familyLinkToken, linkTokenHash } from "./family-link.ts";

/**
 * Issues (or reissues) a family member's personal link: the facility's or the hosting center's
 * officer hands it over (SMS, WeChat). The token is returned once; an earlier link dies with it.
 * Read-only roles never get one (visitForDayAct).
 */
export async function issueFamilyLink(actor: Actor, visitId: string, participantId: string) {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { visit, side } = await visitForDayAct(tx, actor, visitId, ["facility", "center"]);
    await lockVisit(tx, visit.id);
    const fresh = await tx.visit.findUniqueOrThrow({ where: { id: visit.id } });
    assertVisitDay(fresh);
    const participant = await tx.visitParticipant.findFirst({ where: { id: participantId, visitId: visit.id } });
    if (!participant) throw new NotFoundError("No such participant in this visit");
    // Milliseconds are the version: two issues in one millisecond would share it, so wait one out.
    const issuedAt = new Date(Math.max(Date.now(), (participant.linkIssuedAt?.getTime() ?? 0) + 1));
    const token = familyLinkToken(participant.id, issuedAt);
    await tx.visitParticipant.update({ where: { id: participant.id }, data: { linkIssuedAt: issuedAt, linkRevokedAt: null, linkTokenHash: linkTokenHash(token) } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "visit.link_issued",
      targetType: "VisitParticipant",
      targetId: participant.id,
      unitPath: side === "facility" ? visit.facility.path : visit.familyUnit!.path,
      data: { visitId: visit.id, code: visit.code, reissued: participant.linkIssuedAt !== null },
    });
    return { participantId: participant.id, path: `/v/${token}`, issuedAt: issuedAt.toISOString(), validUntil: fresh.endsAt!.toISOString() };
  });
}

/** Withdraws a family member's link at once; the page then says it was withdrawn. */
export async function revokeFamilyLink(actor: Actor, visitId: string, participantId: string) {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { visit, side } = await visitForDayAct(tx, actor, visitId, ["facility", "center"]);
    await lockVisit(tx, visit.id);
    const participant = await tx.visitParticipant.findFirst({ where: { id: participantId, visitId: visit.id } });
    if (!participant) throw new NotFoundError("No such participant in this visit");
    if (!participant.linkIssuedAt || participant.linkRevokedAt) return { participantId: participant.id, revoked: false };
    await tx.visitParticipant.update({ where: { id: participant.id }, data: { linkRevokedAt: new Date(), linkTokenHash: null } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "visit.link_revoked",
      targetType: "VisitParticipant",
      targetId: participant.id,
      unitPath: side === "facility" ? visit.facility.path : visit.familyUnit!.path,
      data: { visitId: visit.id, code: visit.code },
    });
    return { participantId: participant.id, revoked: true };
  });
}
