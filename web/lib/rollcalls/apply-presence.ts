import { lockRollCallEntry } from "../db/lock-row.ts";
import type { Tx } from "../db/transaction.ts";
import type { TMediaEvent } from "../schemas/rooms.ts";

/**
 * Join and leave times of roll-call participants come from the media node. The first join after
 * the start plus the grace period makes a person 迟到 (late) unless an officer already marked them.
 */
export async function applyRollCallPresence(tx: Tx, event: TMediaEvent): Promise<void> {
  if (event.type !== "peer.joined" && event.type !== "peer.left") return;
  if (!event.identity.startsWith("person:")) return;
  const rollCall = await tx.rollCall.findUnique({ where: { roomId: event.room } });
  if (!rollCall) return;
  const personId = event.identity.slice("person:".length);
  const found = await tx.rollCallEntry.findUnique({ where: { rollCallId_personId: { rollCallId: rollCall.id, personId } }, select: { id: true } });
  if (!found) return;
  // Read under the entry's lock: an officer's mark committed after a plain read would be
  // overwritten by 迟到 below, unaudited.
  await lockRollCallEntry(tx, found.id);
  const entry = await tx.rollCallEntry.findUniqueOrThrow({ where: { id: found.id } });
  const at = new Date(event.at);
  if (event.type === "peer.left") {
    await tx.rollCallEntry.update({ where: { id: entry.id }, data: { leftAt: at } });
    return;
  }
  if (entry.joinedAt) return;
  const lateAfter = rollCall.startsAt.getTime() + rollCall.graceMinutes * 60_000;
  const late = entry.status === "pending" && at.getTime() > lateAfter;
  await tx.rollCallEntry.update({
    where: { id: entry.id },
    data: { joinedAt: at, ...(late ? { status: "late", markedAt: at, version: { increment: 1 } } : {}) },
  });
}
