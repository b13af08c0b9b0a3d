import type { Unit, User } from "../db/generated/client.ts";

export function toUserDto(user: User & { unit: Pick<Unit, "name"> }) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    unitName: user.unit.name,
    active: user.active,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}
