import type { Tx } from "../../db/transaction.ts";
import type { TMediaEvent } from "../../schemas/rooms.ts";

const userIdOf = (identity: string | undefined | null) => (identity?.startsWith("user:") ? identity.slice(5) : null);
const participantIdOf = (identity: string) => (identity.startsWith("visitor:") ? identity.slice(8) : null);

/**
 * What the media node's reports mean for a visit's record: a monitor's notice is a warning (at,
 * by, text); the room's close is the visit's end (on time, terminated with the officer's reason,
 * or lost); a visitor's join and leave are kept on the participant. Runs in the transaction
 * that stores the report, so a report the node resends after an outage is applied once.
 */
export async function applyVisitEvent(tx: Tx, event: Exclude<TMediaEvent, { type: "recording.closed" }>): Promise<void> {
  if (event.type === "recording.storage_full") return;
  const visit = await tx.visit.findFirst({ where: { roomId: event.room }, select: { id: true, state: true, startedAt: true } });
  if (!visit) return;
  const at = new Date(event.at);
  switch (event.type) {
    case "room.notice":
      await tx.visitWarning.create({ data: { visitId: visit.id, at, byId: userIdOf(event.identity), text: event.preset ? `preset:${event.preset}` : event.text } });
      return;
    case "room.closed": {
      if (event.reason === "empty") return;
      const endedHow = event.reason === "on_time" ? "on_time" : event.reason === "terminated" ? "terminated" : "connection_lost";
      // Only once, and only a visit that was booked or under way (a cancelled one stays cancelled).
      await tx.visit.updateMany({
        where: { id: visit.id, state: { in: ["booked", "in_progress"] } },
        data: { state: "ended", endedAt: at, endedHow, endedById: userIdOf(event.by), endReason: event.note ?? null, version: { increment: 1 } },
      });
      return;
    }
    case "peer.joined": {
      const id = participantIdOf(event.identity);
      if (id) await tx.visitParticipant.updateMany({ where: { id, visitId: visit.id, joinedAt: null }, data: { joinedAt: at } });
      return;
    }
    case "peer.left": {
      const id = participantIdOf(event.identity);
      if (id) await tx.visitParticipant.updateMany({ where: { id, visitId: visit.id }, data: { leftAt: at } });
      return;
    }
  }
}
