import type { Actor } from "./actor.ts";

export function toMe(actor: Actor, csrfToken: string) {
  return {
    userId: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    unitId: actor.unitId,
    unitName: actor.unitName,
    unitLevel: actor.unitLevel,
    csrfToken,
  };
}
