import { auditActor, type Actor } from "../../auth/actor.ts";
import { appendAuditEvent } from "../../audit/append-audit-event.ts";
import { getDb } from "../../db/client.ts";
import { ConflictError, NotFoundError } from "../../errors.ts";
import { assertVisitDay, lockVisit, visitForDayAct } from "./day-access.ts";
import { ensureVisitRoom, visitGrant, waitsForStart } from "./visit-media-room.ts";

export type StaffJoinSide = "terminal" | "center" | "monitor";

/**
 * The three staff doors into a visit's room, one rule each:
 * - `terminal`: a facility officer opens the facility terminal for the held person, who joins as
 *   a participant (the lawyer and the held person must be participants: staff hear nothing in a
 *   privileged room) and waits in the waiting room;
 * - `center`: the hosting center's officer, once a visitor's ID card is confirmed in person, opens
 *   the family-side room's terminal, which joins for the family and waits too;
 * - `monitor`: either side's officer watches unseen (observer) and may warn, mute and terminate
 *   (moderate); in a privileged room the node gives the monitor no audio.
 */
export async function joinVisitAsStaff(actor: Actor, visitId: string, side: StaffJoinSide) {
  const db = await getDb();
  const { visit, room, name, identity } = await db.$transaction(async (tx) => {
    const { visit } = await visitForDayAct(tx, actor, visitId, side === "terminal" ? ["facility"] : side === "center" ? ["center"] : ["facility", "center"]);
    assertVisitDay(visit);
    if (side === "center") {
      if (visit.fromHome || !visit.familyRoomId) throw new ConflictError("This visit is held from home, not at a center", { visit: "from_home" });
      const confirmed = await tx.visitParticipant.count({ where: { visitId: visit.id, verifyMethod: "id_card" } });
      if (confirmed === 0) throw new ConflictError("Confirm a visitor's ID card first", { participants: "not_confirmed" });
    }
    const room = await ensureVisitRoom(tx, visit, actor.userId);
    if (side === "terminal") return { visit, room, name: visit.heldPerson.name, identity: `held:${visit.heldPerson.id}` };
    if (side === "center") {
      const present = await tx.visitParticipant.findMany({ where: { visitId: visit.id, verifyMethod: "id_card" }, orderBy: { createdAt: "asc" }, select: { name: true } });
      return { visit, room, name: present.map((p) => p.name).join("、").slice(0, 60), identity: `family:${visit.id}` };
    }
    return { visit, room, name: actor.displayName, identity: `user:${actor.userId}` };
  });
  if (side === "monitor") return visitGrant(room, visit, { identity, name, role: "staff", moderator: true, observer: true, lobby: false });
  return visitGrant(room, visit, { identity, name, role: "participant", moderator: false, observer: false, lobby: waitsForStart(visit) });
}

/** The center officer has checked a visitor's ID card in person: who confirmed, when (audited, once). */
export async function confirmVisitorId(actor: Actor, visitId: string, participantId: string) {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { visit } = await visitForDayAct(tx, actor, visitId, ["center"]);
    assertVisitDay(visit);
    const at = new Date();
    // Conditional: confirming the same card twice at once is one confirmation, one audit event.
    const { count } = await tx.visitParticipant.updateMany({
      where: { id: participantId, visitId: visit.id, verifyMethod: null },
      data: { verifyMethod: "id_card", verifiedById: actor.userId, verifiedAt: at },
    });
    const participant = await tx.visitParticipant.findFirst({ where: { id: participantId, visitId: visit.id } });
    if (!participant) throw new NotFoundError("No such participant in this visit");
    if (count > 0) {
      await appendAuditEvent(tx, auditActor(actor), {
        action: "visit.id_confirmed",
        targetType: "VisitParticipant",
        targetId: participant.id,
        unitPath: visit.familyUnit!.path,
        data: { visitId: visit.id, code: visit.code },
      });
    }
    return { participantId: participant.id, verifyMethod: participant.verifyMethod, verifiedAt: participant.verifiedAt?.toISOString() ?? null };
  });
}

/**
 * The facility officer starts the visit from the monitor once both sides wait: the record gets
 * its start (once), then the page admits both sides on the node.
 */
export async function startVisit(actor: Actor, visitId: string) {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { visit } = await visitForDayAct(tx, actor, visitId, ["facility"]);
    await lockVisit(tx, visit.id);
    const fresh = await tx.visit.findUniqueOrThrow({ where: { id: visit.id } });
    assertVisitDay(fresh);
    if (fresh.state === "in_progress") return { id: fresh.id, state: fresh.state, startedAt: fresh.startedAt!.toISOString() };
    const startedAt = new Date();
    const started = await tx.visit.update({ where: { id: visit.id }, data: { state: "in_progress", startedAt, version: { increment: 1 } } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "visit.start",
      targetType: "Visit",
      targetId: visit.id,
      unitPath: visit.facility.path,
      data: { code: visit.code, roomId: fresh.roomId },
    });
    return { id: started.id, state: started.state, startedAt: startedAt.toISOString() };
  });
}
