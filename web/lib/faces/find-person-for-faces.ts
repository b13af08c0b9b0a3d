import { subtreeFilter, type Actor } from "../auth/actor.ts";
import type { Tx } from "../db/transaction.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";

/** A person in the actor's subtree with their unit's path (for the audit event), or 404: faces outside scope do not exist. */
export async function findPersonForFaces(actor: Actor, personId: string, tx?: Tx) {
  const db = tx ?? (await getDb());
  const person = await db.supervisedPerson.findFirst({
    where: { id: personId, unit: subtreeFilter(actor) },
    select: { id: true, name: true, unit: { select: { path: true } } },
  });
  if (!person) throw new NotFoundError("Person not found");
  return person;
}
