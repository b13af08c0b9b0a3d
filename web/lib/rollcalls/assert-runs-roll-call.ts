import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { ForbiddenError } from "../errors.ts";
import { consoleRole } from "./console-role.ts";

/**
 * The one rule for every action that changes a roll call (open, call, verdict, mark, evidence,
 * end, cancel, edit, links): only its host may act. A superior who can see the roll call (scope)
 * only watches; before this rule an ancestor's officer could mark through the API while the
 * console showed them as an observer, so two people could mark one record.
 */
export function assertRunsRollCall(actor: Actor, rollCall: { unitId: string; createdById: string }): void {
  if (consoleRole(actor, rollCall) !== "host") {
    throw new ForbiddenError("Only the officers of the roll call's own unit and whoever scheduled it run it; superiors and inspectors watch and read the record");
  }
}

/** The same rule for a roll call's media room, reached by its room id (the rooms API). */
export async function assertRunsRollCallOfRoom(actor: Actor, roomId: string): Promise<void> {
  const db = await getDb();
  const rollCall = await db.rollCall.findUnique({ where: { roomId }, select: { unitId: true, createdById: true } });
  if (!rollCall) throw new ForbiddenError("This room belongs to no roll call you run");
  assertRunsRollCall(actor, rollCall);
}
