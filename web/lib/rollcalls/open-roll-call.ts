import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { ConflictError } from "../errors.ts";
import { lockRollCall } from "../db/lock-row.ts";
import { issueStaffJoinGrant } from "../rooms/issue-join-grant.ts";
import { findRollCallInScope } from "./get-roll-call.ts";
import { assertRunsRollCall } from "./assert-runs-roll-call.ts";
import { assertConsoleMayOpen } from "./console-opens-at.ts";
import { roomIdOf } from "./room-id-of.ts";
import { signalRollCallChanged } from "./link-events/signal-change.ts";

/**
 * The officer opens the call: the roll call goes live with its own media room, and the officer
 * gets a host token. Opening again (a console reload) returns a new token for the same room.
 */
export async function openRollCall(actor: Actor, rollCallId: string) {
  const rollCall = await findRollCallInScope(actor, rollCallId);
  assertRunsRollCall(actor, rollCall);
  if (rollCall.state === "cancelled" || rollCall.state === "ended") throw new ConflictError("This roll call is over", { state: rollCall.state });
  if (rollCall.endsAt <= new Date()) throw new ConflictError("The roll call's window has passed", { endsAt: "passed" });
  if (!rollCall.roomId) assertConsoleMayOpen(rollCall);
  let roomId = rollCall.roomId;
  if (!roomId) {
    const db = await getDb();
    roomId = await db.$transaction(async (tx) => {
      // Concurrent opens (a double click, a reload) wait here; all but the first find the room.
      const current = await lockRollCall(tx, rollCall.id);
      if (current.roomId) return current.roomId;
      if (current.state !== "scheduled") throw new ConflictError("This roll call is over", { state: current.state });
      if (current.endsAt <= new Date()) throw new ConflictError("The roll call's window has passed", { endsAt: "passed" });
      // Under the lock: a change of the start made meanwhile counts.
      assertConsoleMayOpen(current);
      // No invite codes: a roll call's room opens only with a personal link or a staff grant.
      // Its id is the one the console's prepare already named (room-id-of.ts): the officer's
      // socket and transports on the media node are in this room before it exists here.
      const room = await tx.room.create({ data: { id: roomIdOf(rollCall.id), kind: "rollcall", title: current.title, unitId: rollCall.unitId, createdById: actor.userId } });
      const now = new Date();
      await tx.rollCall.update({ where: { id: rollCall.id }, data: { state: "live", openedAt: now, roomId: room.id, version: { increment: 1 } } });
      await tx.roomEvent.create({ data: { roomId: room.id, type: "room.created", identity: `user:${actor.userId}`, name: actor.displayName, at: now } });
      await appendAuditEvent(tx, auditActor(actor), {
        action: "rollcall.open",
        targetType: "RollCall",
        targetId: rollCall.id,
        unitPath: rollCall.unit.path,
        data: { roomId: room.id },
      });
      // Persons waiting on their links are told on commit (their event streams), not by a poll.
      await signalRollCallChanged(tx, rollCall.id);
      return room.id;
    });
  }
  return { rollCallId: rollCall.id, grant: await issueStaffJoinGrant(actor, roomId) };
}
