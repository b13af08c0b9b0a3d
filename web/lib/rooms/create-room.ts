import { randomBytes } from "node:crypto";
import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import type { TRoomCreate } from "../schemas/rooms.ts";
import { ROOM_INCLUDE, toRoomDto } from "./to-room-dto.ts";

const inviteCode = () => randomBytes(18).toString("base64url");

/** An ad-hoc meeting room in the actor's own unit. */
export async function createRoom(actor: Actor, input: TRoomCreate) {
  assertRole(actor, ["admin", "officer"], "create rooms");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const room = await tx.room.create({
      data: {
        kind: "meeting",
        title: input.title,
        unitId: actor.unitId,
        createdById: actor.userId,
        requiresAdmission: input.requiresAdmission,
        hostCode: inviteCode(),
        guestCode: inviteCode(),
      },
      include: ROOM_INCLUDE,
    });
    await tx.roomEvent.create({ data: { roomId: room.id, type: "room.created", identity: `user:${actor.userId}`, name: actor.displayName, at: room.createdAt } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "room.create",
      targetType: "Room",
      targetId: room.id,
      unitPath: actor.unitPath,
      data: { title: room.title, requiresAdmission: room.requiresAdmission },
    });
    return toRoomDto(room, actor);
  });
}
