import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { applyRollCallPresence } from "../rollcalls/apply-presence.ts";
import { recordViewPresence } from "../inspection/record-view-presence.ts";
import { storeRecording } from "../recordings/store-recording.ts";
import { applyVisitEvent } from "../visits/day/apply-visit-events.ts";
import type { TMediaEvent } from "../schemas/rooms.ts";

/**
 * Stores what a media node reports. An event the node gave an id (every one it sends now) is
 * stored once however often it is posted — a retry whose answer was lost, the node's outbox
 * resent after a restart, the same batch posted concurrently: the unique `eventId` decides
 * (INSERT … ON CONFLICT DO NOTHING), and what an event does (presence, a visit's record, a room's
 * close and its audit) happens only for the post that stored it. Events for unknown rooms are not
 * stored (a node may outlive a database reset) and are listed in `skipped`, so the node sets them
 * aside with that answer rather than forgetting them; a `room.closed` closes the room here too.
 */
export async function recordMediaEvents(events: TMediaEvent[]): Promise<{ stored: number; skipped?: Array<{ index: number; reason: "unknown_room" }> }> {
  const db = await getDb();
  const roomIds = [...new Set(events.map((e) => e.room))];
  const rooms = await db.room.findMany({ where: { id: { in: roomIds } }, select: { id: true, unit: { select: { path: true } } } });
  const unitPathOf = new Map(rooms.map((r) => [r.id, r.unit.path]));
  const accepted = events.filter((e) => unitPathOf.has(e.room));
  const skipped = events.flatMap((e, index) => (unitPathOf.has(e.room) ? [] : [{ index, reason: "unknown_room" as const }]));
  await db.$transaction(async (tx) => {
    for (const event of accepted) {
      if (event.type === "recording.closed") {
        await storeRecording(tx, event, unitPathOf.get(event.room)!);
        continue;
      }
      const at = new Date(event.at);
      const { count } = await tx.roomEvent.createMany({
        data: [
          {
            roomId: event.room,
            type: event.type,
            identity: "identity" in event ? event.identity : null,
            name: "name" in event ? event.name : null,
            at,
            node: event.node,
            data: eventData(event),
            eventId: event.id ?? null,
          },
        ],
        skipDuplicates: true,
      });
      // Stored before (this id was posted already): it did what it does then.
      if (count === 0) continue;
      await applyRollCallPresence(tx, event);
      await applyVisitEvent(tx, event);
      await recordViewPresence(tx, event);
      if (event.type === "room.closed" && event.reason !== "empty") {
        const { count } = await tx.room.updateMany({ where: { id: event.room, state: "open" }, data: { state: "closed", closedAt: at } });
        if (count > 0) {
          await appendAuditEvent(tx, { userId: null, displayName: `media node ${event.node}` }, {
            action: "room.closed_by_node",
            targetType: "Room",
            targetId: event.room,
            unitPath: unitPathOf.get(event.room)!,
            data: eventData(event),
          });
        }
      }
    }
  });
  return skipped.length > 0 ? { stored: accepted.length, skipped } : { stored: accepted.length };
}

/** What each kind of report keeps beside its type, room, identity and time. */
function eventData(event: Exclude<TMediaEvent, { type: "recording.closed" }>): Record<string, string | number | null> {
  switch (event.type) {
    case "peer.joined":
      return { role: event.role };
    case "peer.left":
      return { reason: event.reason };
    case "room.closed":
      return { reason: event.reason, ...(event.note ? { note: event.note } : {}), ...(event.by ? { by: event.by } : {}) };
    case "room.notice":
      return { preset: event.preset, text: event.text };
    case "recording.storage_full":
      return { freeBytes: event.freeBytes };
  }
}
