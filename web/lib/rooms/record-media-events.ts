import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { applyRollCallPresence } from "../rollcalls/apply-presence.ts";
import { storeRecording } from "../recordings/store-recording.ts";
import type { TMediaEvent } from "../schemas/rooms.ts";

/**
 * Stores what a media node reports. Events for unknown rooms are skipped (a node may outlive a
 * database reset), and a `room.closed` closes the room here too.
 */
export async function recordMediaEvents(events: TMediaEvent[]): Promise<{ stored: number }> {
  const db = await getDb();
  const roomIds = [...new Set(events.map((e) => e.room))];
  const rooms = await db.room.findMany({ where: { id: { in: roomIds } }, select: { id: true, unit: { select: { path: true } } } });
  const unitPathOf = new Map(rooms.map((r) => [r.id, r.unit.path]));
  const accepted = events.filter((e) => unitPathOf.has(e.room));
  await db.$transaction(async (tx) => {
    for (const event of accepted) {
      if (event.type === "recording.closed") {
        await storeRecording(tx, event, unitPathOf.get(event.room)!);
        continue;
      }
      const at = new Date(event.at);
      await tx.roomEvent.create({
        data: {
          roomId: event.room,
          type: event.type,
          identity: "identity" in event ? event.identity : null,
          name: "name" in event ? event.name : null,
          at,
          node: event.node,
          data: event.type === "peer.joined" ? { role: event.role } : event.type === "recording.storage_full" ? { freeBytes: event.freeBytes } : { reason: event.reason },
        },
      });
      await applyRollCallPresence(tx, event);
      if (event.type === "room.closed" && event.reason !== "empty") {
        const { count } = await tx.room.updateMany({ where: { id: event.room, state: "open" }, data: { state: "closed", closedAt: at } });
        if (count > 0) {
          await appendAuditEvent(tx, { userId: null, displayName: `media node ${event.node}` }, {
            action: "room.closed_by_node",
            targetType: "Room",
            targetId: event.room,
            unitPath: unitPathOf.get(event.room)!,
            data: { reason: event.reason },
          });
        }
      }
    }
  });
  return { stored: accepted.length };
}
