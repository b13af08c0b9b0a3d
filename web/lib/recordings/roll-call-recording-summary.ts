import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { findRollCallInScope } from "../rollcalls/get-roll-call.ts";

/**
 * The line a roll call's summary shows about its recording: how many files, how long, and the
 * room whose playback page has them. Null for a roll call that never opened a room.
 */
export async function rollCallRecordingSummary(actor: Actor, rollCallId: string) {
  const rollCall = await findRollCallInScope(actor, rollCallId);
  if (!rollCall.roomId) return null;
  const db = await getDb();
  const rows = await db.recording.findMany({ where: { roomId: rollCall.roomId }, select: { firstPacketAt: true, durationMs: true, deletedAt: true } });
  let from: number | null = null;
  let to: number | null = null;
  for (const row of rows) {
    if (!row.firstPacketAt) continue;
    const start = row.firstPacketAt.getTime();
    from = from === null ? start : Math.min(from, start);
    to = to === null ? start + row.durationMs : Math.max(to, start + row.durationMs);
  }
  return {
    roomId: rollCall.roomId,
    files: rows.length,
    deleted: rows.filter((row) => row.deletedAt).length,
    seconds: from !== null && to !== null ? Math.round((to - from) / 1000) : 0,
  };
}
