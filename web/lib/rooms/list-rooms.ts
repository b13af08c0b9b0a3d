import { subtreeFilter, type Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { ROOM_INCLUDE, toRoomDto } from "./to-room-dto.ts";

/**
 * 会议室: the ad-hoc meetings of the actor's subtree, open ones first, then the 50 most recent
 * closed ones. A roll call's room is not a meeting: it is reached from its roll call.
 */
export async function listRooms(actor: Actor) {
  const db = await getDb();
  const where = { kind: "meeting" as const, unit: subtreeFilter(actor) };
  const [open, closed] = await Promise.all([
    db.room.findMany({ where: { ...where, state: "open" }, include: ROOM_INCLUDE, orderBy: { createdAt: "desc" } }),
    db.room.findMany({ where: { ...where, state: "closed" }, include: ROOM_INCLUDE, orderBy: { createdAt: "desc" }, take: 50 }),
  ]);
  return { items: [...open, ...closed].map((room) => toRoomDto(room, actor)) };
}
