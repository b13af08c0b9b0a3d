import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { getRoomDetail, findRoomInScope } from "./get-room-or-throw.ts";
import { closeRoomOnMediaNode } from "./media-node-client.ts";

/**
 * Closes a room: no more join tokens, and the media node disconnects everyone. If the node
 * cannot be reached the room is still closed here (its tokens stop being issued) and the event
 * says so.
 */
export async function closeRoom(actor: Actor, roomId: string) {
  const room = await findRoomInScope(actor, roomId);
  assertRole(actor, ["admin", "officer"], "close rooms");
  if (room.state === "closed") return getRoomDetail(actor, roomId);
  const nodeClosed = await closeRoomOnMediaNode(room.id, "closed_by_portal");
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const now = new Date();
    // Only the close that flips the state records it: concurrent closes are one close.
    const { count } = await tx.room.updateMany({ where: { id: room.id, state: "open" }, data: { state: "closed", closedAt: now } });
    if (count === 0) return;
    await tx.roomEvent.create({
      data: { roomId: room.id, type: "room.close_requested", identity: `user:${actor.userId}`, name: actor.displayName, at: now, data: { nodeReached: nodeClosed } },
    });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "room.close",
      targetType: "Room",
      targetId: room.id,
      unitPath: room.unit.path,
      data: { nodeReached: nodeClosed },
    });
  });
  return getRoomDetail(actor, roomId);
}
