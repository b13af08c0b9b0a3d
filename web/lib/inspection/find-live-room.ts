import { subtreeFilter, type Actor } from "../auth/actor.ts";
import type { Tx } from "../db/transaction.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { assertStillLive } from "../rollcalls/assert-still-live.ts";
import type { TLiveRoomKind } from "../schemas/inspection.ts";

/**
 * A room of the actor's subtree that is live now, read under the lock its end takes: a grant
 * racing the end lands before it or is refused. A roll call's state lives on the roll call (its
 * lock first, as its end takes it); other rooms' on the room row.
 */
export async function findLiveRoomForUpdate(tx: Tx, actor: Actor, roomId: string) {
  const room = await tx.room.findFirst({ where: { id: roomId, unit: subtreeFilter(actor) }, include: { unit: { select: { id: true, name: true, path: true, level: true } } } });
  if (!room || room.kind === "inspection") throw new NotFoundError("Room not found");
  let kind: TLiveRoomKind = "meeting";
  let terms: { endsAt: Date; privileged: boolean; mustRecord: boolean } | undefined;
  if (room.kind === "rollcall") {
    const rollCall = await tx.rollCall.findUnique({ where: { roomId: room.id }, select: { id: true } });
    if (!rollCall) throw new NotFoundError("Room not found");
    await assertStillLive(tx, rollCall.id);
    kind = "rollcall";
  } else {
    await tx.$queryRaw`SELECT 1 FROM "Room" WHERE id = ${room.id} FOR SHARE`;
    const current = await tx.room.findUniqueOrThrow({ where: { id: room.id }, select: { state: true } });
    if (current.state !== "open") throw new ConflictError("The room is not live", { state: "closed" });
    if (room.kind === "visit") {
      const visit = await tx.visit.findUnique({ where: { roomId: room.id } });
      if (!visit || visit.state !== "in_progress" || !visit.endsAt) throw new ConflictError("The visit is not in progress", { state: visit?.state ?? "none" });
      kind = visit.kind === "help_education" ? "help" : "visit";
      terms = { endsAt: visit.endsAt, privileged: visit.privileged, mustRecord: visit.mustRecord };
    }
  }
  return { room, kind, terms, privileged: terms?.privileged ?? false };
}
