import { subtreeFilter, type Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { ROOM_INCLUDE } from "../rooms/to-room-dto.ts";

/**
 * The one rule for who reaches a room's recordings (issue 10 §3: "the visit's facility and the
 * hosting unit's staff and their ancestors"): staff of the room's unit and of the units above it
 * (a visit's room belongs to its facility), and, for a visit's room, staff of the center that
 * hosted the family side and of the units above that center. Anyone else gets 404, the same
 * answer as for a room that does not exist. What each role may then do (records for every staff
 * role, bytes only for `RECORDING_DOWNLOAD_ROLES`) is each action's own check after this one.
 *
 * The hosting center is read from the visit's record, not from who happened to join: a center
 * reaches the recording of a visit it hosted, and no other visit of the same facility.
 */
export async function findArchiveRoom(actor: Actor, roomId: string) {
  const db = await getDb();
  const room = await db.room.findUnique({ where: { id: roomId }, include: { ...ROOM_INCLUDE, unit: { select: { name: true, path: true } } } });
  if (!room) throw new NotFoundError("Room not found");
  if (room.unit.path.startsWith(actor.unitPath)) return room;
  if (room.kind === "visit") {
    const hosted = await db.visit.findFirst({ where: { roomId: room.id, familyUnit: subtreeFilter(actor) }, select: { id: true } });
    if (hosted) return room;
  }
  throw new NotFoundError("Room not found");
}

/** Whether the room's recordings are in the actor's reach (the same rule, as a yes or no for pages). */
export async function archiveRoomInReach(actor: Actor, roomId: string): Promise<boolean> {
  try {
    await findArchiveRoom(actor, roomId);
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

/**
 * For a record found by id (a file, an export): out of reach it is "not found" in its own words,
 * so the answer says nothing about whether its room exists.
 */
export function notFoundAs(message: string) {
  return (error: unknown): never => {
    if (error instanceof NotFoundError) throw new NotFoundError(message);
    throw error;
  };
}
