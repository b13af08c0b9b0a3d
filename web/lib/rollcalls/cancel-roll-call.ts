import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { ConflictError } from "../errors.ts";
import { lockRollCall } from "../db/lock-row.ts";
import { findRollCallInScope, getRollCallDetail } from "./get-roll-call.ts";
import { assertRunsRollCall } from "./assert-runs-roll-call.ts";

/** Cancels a roll call before it starts; its personal links stop working. */
export async function cancelRollCall(actor: Actor, rollCallId: string) {
  const rollCall = await findRollCallInScope(actor, rollCallId);
  assertRunsRollCall(actor, rollCall);
  if (rollCall.state !== "scheduled" || rollCall.startsAt <= new Date()) {
    throw new ConflictError("Only a roll call that has not started can be cancelled", { state: "already_started" });
  }
  const db = await getDb();
  await db.$transaction(async (tx) => {
    // Cancels racing each other or an open: only the first to lock finds it still scheduled.
    const current = await lockRollCall(tx, rollCallId);
    if (current.state !== "scheduled" || current.startsAt <= new Date()) {
      throw new ConflictError("Only a roll call that has not started can be cancelled", { state: "already_started" });
    }
    const now = new Date();
    await tx.rollCall.update({ where: { id: rollCallId }, data: { state: "cancelled", endedAt: now, version: { increment: 1 } } });
    await tx.rollCallEntry.updateMany({ where: { rollCallId }, data: { linkRevokedAt: now } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "rollcall.cancel",
      targetType: "RollCall",
      targetId: rollCallId,
      unitPath: rollCall.unit.path,
      data: { title: rollCall.title, startsAt: rollCall.startsAt },
    });
  });
  return getRollCallDetail(actor, rollCallId);
}
