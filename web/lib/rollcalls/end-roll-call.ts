import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { ConflictError } from "../errors.ts";
import { lockRollCall } from "../db/lock-row.ts";
import { closeRoomOnMediaNode } from "../rooms/media-node-client.ts";
import { findRollCallInScope, getRollCallDetail } from "./get-roll-call.ts";
import { assertRunsRollCall } from "./assert-runs-roll-call.ts";

/**
 * Ends the roll call for everyone. Whoever never joined becomes 缺席 (absent) unless excused.
 * Whoever joined but was never marked becomes 待核验 (unverified), never 已到: the record is
 * evidence, and only an officer who saw the person answer may say they were there. An officer
 * resolves 待核验 later with an audited override (mark-entry.ts).
 */
export async function endRollCall(actor: Actor, rollCallId: string) {
  const rollCall = await findRollCallInScope(actor, rollCallId);
  assertRunsRollCall(actor, rollCall);
  if (rollCall.state === "ended") return getRollCallDetail(actor, rollCallId);
  if (rollCall.state === "cancelled") throw new ConflictError("This roll call was cancelled");
  const nodeReached = rollCall.roomId ? await closeRoomOnMediaNode(rollCall.roomId, "rollcall_ended") : false;
  const db = await getDb();
  await db.$transaction(async (tx) => {
    // Ends racing each other or a mark: the first to lock ends, later ones find it ended and
    // return it without a second audit event; marks wait (they share this lock) or come after.
    const current = await lockRollCall(tx, rollCallId);
    if (current.state === "ended") return;
    if (current.state === "cancelled") throw new ConflictError("This roll call was cancelled");
    const now = new Date();
    const absent = await tx.rollCallEntry.updateMany({ where: { rollCallId, status: "pending", joinedAt: null }, data: { status: "absent", markedAt: now } });
    const joinedUnmarked = await tx.rollCallEntry.findMany({ where: { rollCallId, status: "pending", joinedAt: { not: null } }, select: { id: true, personId: true } });
    await tx.rollCallEntry.updateMany({ where: { id: { in: joinedUnmarked.map((e) => e.id) }, status: "pending" }, data: { status: "unverified", version: { increment: 1 } } });
    await tx.rollCall.update({ where: { id: rollCallId }, data: { state: "ended", endedAt: now, version: { increment: 1 } } });
    if (current.roomId) await tx.room.update({ where: { id: current.roomId }, data: { state: "closed", closedAt: now } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "rollcall.end",
      targetType: "RollCall",
      targetId: rollCallId,
      unitPath: rollCall.unit.path,
      data: { autoAbsent: absent.count, unverified: joinedUnmarked.map((e) => e.personId), nodeReached },
    });
  });
  return getRollCallDetail(actor, rollCallId);
}
