import { subtreeFilter, type Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { ROOM_INCLUDE, toRoomDto } from "./to-room-dto.ts";

export async function findRoomInScope(actor: Actor, roomId: string) {
  const db = await getDb();
  const room = await db.room.findFirst({ where: { id: roomId, unit: subtreeFilter(actor) }, include: { ...ROOM_INCLUDE, unit: { select: { name: true, path: true } } } });
  if (!room) throw new NotFoundError("Room not found");
  return room;
}

/** A room of the actor's subtree with its history (joins, leaves, close). */
export async function getRoomDetail(actor: Actor, roomId: string) {
  return roomDetailOf(await findRoomInScope(actor, roomId), actor);
}

/** A room the caller has already found in the actor's reach, with its history. */
export async function roomDetailOf(room: Awaited<ReturnType<typeof findRoomInScope>>, actor: Actor) {
  const roomId = room.id;
  const db = await getDb();
  const events = await db.roomEvent.findMany({ where: { roomId }, orderBy: [{ at: "asc" }, { id: "asc" }], take: 1000 });
  return {
    ...toRoomDto(room, actor),
    events: events.map((e) => ({ type: e.type, identity: e.identity, name: e.name, at: e.at.toISOString(), data: e.data as Record<string, unknown> })),
  };
}
