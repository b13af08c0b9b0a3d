import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { findPersonForFaces } from "../faces/find-person-for-faces.ts";

export type CheckInDecision = "approved" | "rejected";

/**
 * An officer decides a pending self check-in: approved (counts as 已报到) or rejected (it does
 * not), once. Two officers deciding at the same moment: the update is conditional on "still
 * undecided", so exactly one row changes; the other officer gets 409 with the decision that won,
 * never a silent overwrite. A rejection needs a reason (the person's record must say why).
 */
export async function decideCheckIn(actor: Actor, personId: string, checkInId: string, input: { decision: CheckInDecision; note: string }) {
  const person = await findPersonForFaces(actor, personId);
  assertRole(actor, ["admin", "officer"], "decide a check-in");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const decidedAt = new Date();
    const changed = await tx.selfCheckIn.updateMany({
      where: { id: checkInId, personId: person.id, status: "pending", decision: null },
      data: { decision: input.decision, decidedAt, decidedById: actor.userId, decisionNote: input.note },
    });
    if (changed.count === 0) {
      const current = await tx.selfCheckIn.findFirst({ where: { id: checkInId, personId: person.id }, select: { status: true, decision: true, decidedById: true } });
      if (!current) throw new NotFoundError("Check-in not found");
      if (current.status !== "pending") throw new ConflictError("This check-in needs no decision: it was checked in", { decision: "not_pending" });
      const by = current.decidedById ? await tx.user.findUnique({ where: { id: current.decidedById }, select: { displayName: true } }) : null;
      throw new ConflictError(`Another officer already decided this check-in (${current.decision} by ${by?.displayName ?? "?"}): reload to see it`, { decision: "already_decided" });
    }
    const row = await tx.selfCheckIn.findUniqueOrThrow({ where: { id: checkInId }, select: { id: true, windowKey: true, reasons: true, sha256: true } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: `checkin.${input.decision === "approved" ? "approved" : "rejected"}`,
      targetType: "SupervisedPerson",
      targetId: person.id,
      unitPath: person.unit.path,
      data: { checkInId: row.id, windowKey: row.windowKey, reasons: row.reasons, sha256: row.sha256, note: input.note },
    });
    return { id: row.id, decision: input.decision, decidedAt: decidedAt.toISOString(), decidedBy: actor.displayName, note: input.note };
  });
}
