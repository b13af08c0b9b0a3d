import type { Room, Unit, User } from "../db/generated/client.ts";

export function toRoomDto(room: Room & { unit: Pick<Unit, "name">; createdBy: Pick<User, "displayName"> }) {
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
    hostLink: `/join/${room.hostCode}`,
    guestLink: `/join/${room.guestCode}`,
  };
}

export const ROOM_INCLUDE = { unit: { select: { name: true } }, createdBy: { select: { displayName: true } } } as const;
