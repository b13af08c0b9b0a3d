import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { ConflictError } from "../errors.ts";
import { grantFor } from "../rooms/issue-join-grant.ts";
import { assertStillLive } from "./assert-still-live.ts";
import { findRollCallInScope } from "./get-roll-call.ts";

/**
 * A superior (an inspector, or staff of an ancestor unit) watches a live roll call of their
 * subtree unseen: an observe grant is never listed to the persons and never publishes, and it
 * cannot moderate. Watching is audited: the record shows who looked on.
 */
export async function observeRollCall(actor: Actor, rollCallId: string) {
  const rollCall = await findRollCallInScope(actor, rollCallId);
  if (rollCall.state !== "live" || !rollCall.roomId) throw new ConflictError("The roll call is not live", { state: rollCall.state });
  const db = await getDb();
  // Under the shared lock the end takes exclusively: a look racing the end is audited and granted
  // before it, or refused; never a grant to a room the end has just closed.
  return db.$transaction(async (tx) => {
    await assertStillLive(tx, rollCall.id);
    const room = await tx.room.findUniqueOrThrow({ where: { id: rollCall.roomId! }, include: { unit: { select: { path: true } } } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "rollcall.observe",
      targetType: "RollCall",
      targetId: rollCall.id,
      unitPath: rollCall.unit.path,
      data: { roomId: room.id },
    });
    return grantFor(room, { identity: `user:${actor.userId}`, name: actor.displayName, role: "staff", moderator: false, observer: true, lobby: false, bearerUnitPath: actor.unitPath });
  });
}
