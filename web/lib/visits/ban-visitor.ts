import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { assertFacilityDecider } from "./visit-access.ts";

/**
 * Bans one visitor of an application from visiting this held person until a date (end of that
 * day, China time), with a reason. The visitor-list row is created if they were never approved.
 */
export async function banVisitor(actor: Actor, visitId: string, participantId: string, input: { until: string; reason: string }) {
  const until = new Date(`${input.until}T23:59:59.999+08:00`);
  if (until.getTime() <= Date.now()) throw new ValidationError("The ban must end in the future", { until: "in_past" });
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const found = await tx.visit.findFirst({ where: { id: visitId }, select: { facilityId: true } });
    const facility = await assertFacilityDecider(tx, actor, found?.facilityId ?? "00000000-0000-0000-0000-000000000000");
    const visit = await tx.visit.findUniqueOrThrow({ where: { id: visitId } });
    const participant = await tx.visitParticipant.findFirst({ where: { id: participantId, visitId } });
    if (!participant?.idNumberHash || !participant.idNumberMasked) throw new NotFoundError("No such visitor on this visit");
    const key = { heldPersonId_idNumberHash: { heldPersonId: visit.heldPersonId, idNumberHash: participant.idNumberHash } };
    const visitor = await tx.visitor.upsert({
      where: key,
      create: {
        heldPersonId: visit.heldPersonId,
        name: participant.name,
        idNumberHash: participant.idNumberHash,
        idNumberMasked: participant.idNumberMasked,
        phone: participant.phone,
        relationship: participant.relationship,
        bannedUntil: until,
        banReason: input.reason,
        bannedById: actor.userId,
      },
      update: { bannedUntil: until, banReason: input.reason, bannedById: actor.userId },
    });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "visit.ban_visitor",
      targetType: "Visitor",
      targetId: visitor.id,
      unitPath: facility.path,
      data: { visitId, heldPersonId: visit.heldPersonId, until: until.toISOString(), reason: input.reason },
    });
    return { visitorId: visitor.id, bannedUntil: until.toISOString() };
  });
}
