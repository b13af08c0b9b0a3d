import type { Role } from "../db/generated/enums.ts";
import { ForbiddenError } from "../errors.ts";

/** The signed-in staff member on whose behalf a domain function runs. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly unitId: string;
  readonly unitName: string;
  readonly unitLevel: number;
  /** Materialized path of the actor's unit: everything the actor may touch starts with it. */
  readonly unitPath: string;
}

/** The actor behind a user row (with its unit). */
export function toActor(user: { id: string; username: string; displayName: string; role: Role; unitId: string; unit: { name: string; level: number; path: string } }): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    unitName: user.unit.name,
    unitLevel: user.unit.level,
    unitPath: user.unit.path,
  };
}

export function isInScope(actor: Actor, unitPath: string): boolean {
  return unitPath.startsWith(actor.unitPath);
}

/** Prisma filter for "a unit in the actor's subtree". */
export function subtreeFilter(actor: Actor) {
  return { path: { startsWith: actor.unitPath } };
}

export function assertRole(actor: Actor, allowed: readonly Role[], what: string): void {
  if (!allowed.includes(actor.role)) {
    throw new ForbiddenError(`Role ${actor.role} may not ${what}`);
  }
}

export function auditActor(actor: Actor) {
  return { userId: actor.userId, displayName: `${actor.displayName} (${actor.username})` };
}
