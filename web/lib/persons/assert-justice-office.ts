import type { Actor } from "../auth/actor.ts";
import { ValidationError } from "../errors.ts";
import { getUnitOrThrow } from "../units/get-unit-or-throw.ts";
import { JUSTICE_OFFICE } from "../units/levels.ts";

/** Persons are supervised by a justice office (司法所) inside the actor's subtree; outside it is 404. */
export async function assertJusticeOffice(actor: Actor, unitId: string) {
  const unit = await getUnitOrThrow(actor, unitId);
  if (unit.level !== JUSTICE_OFFICE) {
    throw new ValidationError("Persons belong to a justice office", { unitId: "not_justice_office" });
  }
  return unit;
}
