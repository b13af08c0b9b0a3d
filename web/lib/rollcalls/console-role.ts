import type { Actor } from "../auth/actor.ts";

export type ConsoleRole = "host" | "observer";

/**
 * Who runs a roll call's console and who only watches. The officers (or admins) of the roll
 * call's own unit, and whoever scheduled it, run it; inspectors and staff of an ancestor unit
 * watch unseen, so that a superior looking in never takes the call out of the officer's hands.
 */
export function consoleRole(actor: Actor, rollCall: { unitId: string; createdById: string }): ConsoleRole {
  if (actor.role === "inspector") return "observer";
  return rollCall.unitId === actor.unitId || rollCall.createdById === actor.userId ? "host" : "observer";
}
