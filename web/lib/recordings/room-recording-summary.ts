import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { archiveRoomInReach } from "./archive-scope.ts";

export interface RoomRecordingSummary {
  roomId: string;
  files: number;
  deleted: number;
  /** From the first file's first packet to the last file's end. */
  seconds: number;
}

/**
 * One line about a room's recording for the page of what the room was for (a roll call, a
 * visit): how many files, how long, and the room whose playback page has them. Null when the
 * room is outside the actor's scope: the playback page would answer 404.
 */
export async function roomRecordingSummary(actor: Actor, roomId: string): Promise<RoomRecordingSummary | null> {
  if (!(await archiveRoomInReach(actor, roomId))) return null;
  const db = await getDb();
  const rows = await db.recording.findMany({ where: { roomId }, select: { firstPacketAt: true, durationMs: true, deletedAt: true } });
  let from: number | null = null;
  let to: number | null = null;
  for (const row of rows) {
    if (!row.firstPacketAt) continue;
    const start = row.firstPacketAt.getTime();
    from = from === null ? start : Math.min(from, start);
    to = to === null ? start + row.durationMs : Math.max(to, start + row.durationMs);
  }
  return {
    roomId,
    files: rows.length,
    deleted: rows.filter((row) => row.deletedAt).length,
    seconds: from !== null && to !== null ? Math.round((to - from) / 1000) : 0,
  };
}
