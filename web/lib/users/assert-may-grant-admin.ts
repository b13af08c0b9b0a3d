import type { Actor } from "../auth/actor.ts";
import { ForbiddenError } from "../errors.ts";

/**
 * README: an admin manages staff *below* its unit. An admin account at the actor's own unit would
 * be a peer the actor could create, reset or take over, so the admin role is granted only in a
 * unit strictly below the actor's (every unit it can reach is in its subtree already).
 */
export function assertMayGrantAdmin(actor: Actor, role: string, unitPath: string): void {
  if (role === "admin" && unitPath === actor.unitPath) {
    throw new ForbiddenError("An administrator can only be created or edited in a unit below your own", { role: "admin_not_below" });
  }
}
