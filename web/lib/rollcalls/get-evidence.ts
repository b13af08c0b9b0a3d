import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { findRollCallInScope } from "./get-roll-call.ts";

/** An evidence image, for staff of the roll call's subtree (inspectors included). */
export async function getEvidence(actor: Actor, rollCallId: string, entryId: string, evidenceId: string) {
  await findRollCallInScope(actor, rollCallId);
  const db = await getDb();
  const evidence = await db.rollCallEvidence.findFirst({ where: { id: evidenceId, entryId, entry: { rollCallId } } });
  if (!evidence) throw new NotFoundError("Evidence not found");
  return evidence;
}
