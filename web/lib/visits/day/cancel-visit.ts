import { auditActor, type Actor } from "../../auth/actor.ts";
import { appendAuditEvent } from "../../audit/append-audit-event.ts";
import { getDb } from "../../db/client.ts";
import { ConflictError } from "../../errors.ts";
import { closeRoomOnMediaNode } from "../../rooms/media-node-client.ts";
import { lockVisit, visitForDayAct } from "./day-access.ts";

/**
 * Cancels a booked visit: its reservations go (the room and terminal are free for another
 * booking at once), its family links stop working, and the record keeps who cancelled, when and
 * why. A family visit is cancelled by the facility that booked it; a 帮教 session also by the
 * center that scheduled it. Under the visit's row lock with the version the officer saw, so two
 * cancels (or a cancel and a start) at once change it once.
 */
export async function cancelVisit(actor: Actor, visitId: string, input: { reason: string; version: number }) {
  const db = await getDb();
  const outcome = await db.$transaction(async (tx) => {
    const kind = (await tx.visit.findFirst({ where: { id: visitId }, select: { kind: true } }))?.kind;
    const { visit, side } = await visitForDayAct(tx, actor, visitId, kind === "help_education" ? ["facility", "center"] : ["facility"]);
    await lockVisit(tx, visit.id);
    const fresh = await tx.visit.findUniqueOrThrow({ where: { id: visit.id } });
    if (fresh.state !== "booked") throw new ConflictError(`The visit is ${fresh.state}; only a booked visit can be cancelled`, { state: fresh.state });
    if (fresh.version !== input.version) throw new ConflictError("The visit changed since you opened it: reload", { version: "stale" });
    const now = new Date();
    const { count: freed } = await tx.visitReservation.deleteMany({ where: { visitId: visit.id } });
    await tx.visitParticipant.updateMany({ where: { visitId: visit.id, linkIssuedAt: { not: null }, linkRevokedAt: null }, data: { linkRevokedAt: now, linkTokenHash: null } });
    const cancelled = await tx.visit.update({ where: { id: visit.id }, data: { state: "cancelled", cancelledAt: now, cancelReason: input.reason, version: { increment: 1 } } });
    if (fresh.roomId) await tx.room.updateMany({ where: { id: fresh.roomId, state: "open" }, data: { state: "closed", closedAt: now } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "visit.cancel",
      targetType: "Visit",
      targetId: visit.id,
      unitPath: side === "facility" ? visit.facility.path : visit.familyUnit!.path,
      data: { code: visit.code, reason: input.reason, freedReservations: freed },
    });
    return { id: cancelled.id, state: cancelled.state, version: cancelled.version, roomId: fresh.roomId };
  });
  // Anyone already waiting in the room is sent away; a node that cannot be reached closes it at its end anyway.
  if (outcome.roomId) await closeRoomOnMediaNode(outcome.roomId, "cancelled");
  return { id: outcome.id, state: outcome.state, version: outcome.version };
}
