import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { findRollCallInScope } from "./get-roll-call.ts";
import { assertRunsRollCall } from "./assert-runs-roll-call.ts";

/** A roster entry of a live roll call in the actor's subtree, for console actions. */
export async function findLiveEntry(actor: Actor, rollCallId: string, entryId: string) {
  const rollCall = await findRollCallInScope(actor, rollCallId);
  assertRunsRollCall(actor, rollCall);
  if (rollCall.state !== "live" || !rollCall.roomId) throw new ConflictError("The roll call is not live", { state: rollCall.state });
  const db = await getDb();
  const entry = await db.rollCallEntry.findFirst({ where: { id: entryId, rollCallId }, include: { person: { select: { name: true } } } });
  if (!entry) throw new NotFoundError("Roster entry not found");
  return { rollCall: { ...rollCall, roomId: rollCall.roomId }, entry };
}
