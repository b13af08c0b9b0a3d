import type { Actor } from "../auth/actor.ts";
import type { Role } from "../db/generated/enums.ts";

// What the roll-call pages offer. The domain functions' assertRole calls remain the authority;
// these only decide which controls to show.

/** Schedule, edit, cancel and manage personal links. */
export function canScheduleRollCalls(role: Role): boolean {
  return role === "admin" || role === "officer";
}

/**
 * How the actor would enter a live roll call's console: the officers (and admins) of the unit that
 * holds it run it; inspectors and staff of a unit above watch unseen. The console page decides for
 * itself; this only picks the button's words.
 */
export function consoleMode(actor: Pick<Actor, "role" | "unitId">, rollCall: { unitId: string }): "host" | "observer" {
  return canScheduleRollCalls(actor.role) && actor.unitId === rollCall.unitId ? "host" : "observer";
}

export function consoleHref(rollCallId: string): string {
  return `/rollcalls/${rollCallId}/console`;
}
