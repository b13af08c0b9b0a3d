import { subtreeFilter, type Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";

/** A unit of the actor's subtree; anything else is "not found", so existence is not revealed. */
export async function getUnitOrThrow(actor: Actor, unitId: string) {
  const db = await getDb();
  const unit = await db.unit.findFirst({ where: { id: unitId, ...subtreeFilter(actor) } });
  if (!unit) throw new NotFoundError("Unit not found");
  return unit;
}
