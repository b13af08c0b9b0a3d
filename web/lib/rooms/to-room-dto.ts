import type { Actor } from "../auth/actor.ts";
import type { Room, Unit, User } from "../db/generated/client.ts";

/**
 * Invite links are credentials: only ad-hoc meetings have them, and only staff who may host get
 * them. An inspector reads the room's record and never holds a way in as someone else; rooms of
 * roll calls (and visits) open only through their own grants, never a link.
 */
function inviteLinks(room: Pick<Room, "kind" | "hostCode" | "guestCode">, viewer: Pick<Actor, "role">) {
  if (room.kind !== "meeting" || viewer.role === "inspector" || !room.hostCode || !room.guestCode) return { hostLink: null, guestLink: null };
  return { hostLink: `/join/${room.hostCode}`, guestLink: `/join/${room.guestCode}` };
}

export function toRoomDto(room: Room & { unit: Pick<Unit, "name">; createdBy: Pick<User, "displayName"> }, viewer: Pick<Actor, "role">) {
  return {
    id: room.id,
    kind: room.kind,
    title: room.title,
    unitId: room.unitId,
    unitName: room.unit.name,
    createdBy: room.createdBy.displayName,
    requiresAdmission: room.requiresAdmission,
    state: room.state,
    createdAt: room.createdAt.toISOString(),
    closedAt: room.closedAt?.toISOString() ?? null,
    ...inviteLinks(room, viewer),
  };
}

export const ROOM_INCLUDE = { unit: { select: { name: true } }, createdBy: { select: { displayName: true } } } as const;
