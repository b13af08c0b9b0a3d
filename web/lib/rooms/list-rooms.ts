import { subtreeFilter, type Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { ROOM_INCLUDE, toRoomDto } from "./to-room-dto.ts";

/** Rooms of the actor's subtree: open ones first, then the 50 most recent closed ones. */
export async function listRooms(actor: Actor) {
  const db = await getDb();
  const where = { unit: subtreeFilter(actor) };
  const [open, closed] = await Promise.all([
    db.room.findMany({ where: { ...where, state: "open" }, include: ROOM_INCLUDE, orderBy: { createdAt: "desc" } }),
    db.room.findMany({ where: { ...where, state: "closed" }, include: ROOM_INCLUDE, orderBy: { createdAt: "desc" }, take: 50 }),
  ]);
  return { items: [...open, ...closed].map(toRoomDto) };
}
