import type { Tx } from "../db/transaction.ts";
import type { TMediaEvent } from "../schemas/rooms.ts";
import { INSPECTION_IDENTITY_PREFIX } from "./rules.ts";

/**
 * The node's reports end an inspection view: its join and leave for the view's own identity,
 * and the room's close. The browser is never trusted to say when it stopped watching (a closed
 * tab says nothing).
 */
export async function recordViewPresence(tx: Tx, event: TMediaEvent): Promise<void> {
  if (event.type === "room.closed") {
    await tx.inspectionView.updateMany({ where: { roomId: event.room, closedAt: null, joinedAt: { not: null } }, data: { closedAt: new Date(event.at) } });
    return;
  }
  if ((event.type !== "peer.joined" && event.type !== "peer.left") || !event.identity.startsWith(INSPECTION_IDENTITY_PREFIX)) return;
  const id = event.identity.slice(INSPECTION_IDENTITY_PREFIX.length);
  const at = new Date(event.at);
  if (event.type === "peer.joined") {
    // A rejoin (network change) reopens the view; its first join stays its start.
    await tx.inspectionView.updateMany({ where: { id, roomId: event.room, joinedAt: null }, data: { joinedAt: at } });
    await tx.inspectionView.updateMany({ where: { id, roomId: event.room }, data: { closedAt: null } });
  } else {
    await tx.inspectionView.updateMany({ where: { id, roomId: event.room, joinedAt: { not: null } }, data: { closedAt: at } });
  }
}
