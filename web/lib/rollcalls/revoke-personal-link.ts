import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { findRollCallInScope, getRollCallDetail } from "./get-roll-call.ts";
import { assertRunsRollCall } from "./assert-runs-roll-call.ts";

/**
 * Revokes a person's link (lost phone, sent to the wrong number) and, unless `reissue` is false,
 * gives a new one: the old link stops working at once, and a lock from wrong codes is lifted.
 */
export async function revokePersonalLink(actor: Actor, rollCallId: string, entryId: string, reissue: boolean) {
  const rollCall = await findRollCallInScope(actor, rollCallId);
  assertRunsRollCall(actor, rollCall);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.rollCallEntry.updateMany({
      where: { id: entryId, rollCallId },
      data: reissue
        ? { linkVersion: { increment: 1 }, linkRevokedAt: null, lockedAt: null, failedAttempts: 0, verifiedAt: null }
        : { linkRevokedAt: new Date() },
    });
    if (count === 0) throw new NotFoundError("Roster entry not found");
    await appendAuditEvent(tx, auditActor(actor), {
      action: reissue ? "rollcall.link_reissue" : "rollcall.link_revoke",
      targetType: "RollCallEntry",
      targetId: entryId,
      unitPath: rollCall.unit.path,
      data: { rollCallId },
    });
  });
  return getRollCallDetail(actor, rollCallId);
}
