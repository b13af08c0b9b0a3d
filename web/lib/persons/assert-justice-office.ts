import type { Actor } from "../auth/actor.ts";
import { ValidationError } from "../errors.ts";
import { getUnitOrThrow } from "../units/get-unit-or-throw.ts";
import { JUSTICE_OFFICE } from "../units/levels.ts";

/** Persons are supervised by a justice office (司法所) inside the actor's subtree. */
export async function assertJusticeOffice(actor: Actor, unitId: string) {
  const unit = await getUnitOrThrow(actor, unitId).catch(() => {
    throw new ValidationError("Unit not found", { unitId: "not_found" });
  });
  if (unit.level !== JUSTICE_OFFICE) {
    throw new ValidationError("Persons belong to a justice office", { unitId: "not_justice_office" });
  }
  return unit;
}
