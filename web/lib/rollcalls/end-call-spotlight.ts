import { getDb } from "../db/client.ts";
import { clearSpotlightOnMediaNode } from "../rooms/media-node-client.ts";

/**
 * Once the officer has marked the person being called, the call is over: the node clears the
 * spotlight on every page, or the person's phone kept saying "正在点到你的名字" with the challenge
 * until someone else was called. Only the person called last counts: marking someone else (请假
 * from the roster) must not clear a call in progress. Best effort: the mark is already saved.
 */
export async function endCallAfterMark(rollCall: { id: string; state: string; roomId: string | null }, entryId: string): Promise<boolean> {
  if (rollCall.state !== "live" || !rollCall.roomId) return false;
  const db = await getDb();
  const latest = await db.rollCallEntry.findFirst({
    where: { rollCallId: rollCall.id, calledAt: { not: null } },
    orderBy: { calledAt: "desc" },
    select: { id: true },
  });
  if (latest?.id !== entryId) return false;
  return clearSpotlightOnMediaNode(rollCall.roomId);
}
