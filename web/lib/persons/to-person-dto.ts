import type { Actor } from "../auth/actor.ts";
import type { SupervisedPerson, Unit } from "../db/generated/client.ts";
import type { TPerson } from "../schemas/persons.ts";

/**
 * The last 4 characters of the ID number are the code that unlocks a person's roll-call link, so
 * a reader who never runs roll calls (an inspector) sees none of them: only the region prefix.
 */
function idNumberShownTo(viewer: Pick<Actor, "role"> | undefined, masked: string): string {
  return viewer?.role === "inspector" ? masked.slice(0, 4) + "*".repeat(Math.max(0, masked.length - 4)) : masked;
}

/** `viewer` is who reads it; omitted for the audit record of a change (officers only). */
export function toPersonDto(person: SupervisedPerson & { unit: Pick<Unit, "name"> }, viewer?: Pick<Actor, "role">): TPerson {
  return {
    id: person.id,
    unitId: person.unitId,
    unitName: person.unit.name,
    name: person.name,
    gender: person.gender as TPerson["gender"],
    idNumberMasked: idNumberShownTo(viewer, person.idNumberMasked),
    phone: person.phone,
    address: person.address,
    supervisionType: person.supervisionType,
    status: person.status,
    startDate: person.startDate.toISOString().slice(0, 10),
    endDate: person.endDate.toISOString().slice(0, 10),
    notes: person.notes,
    version: person.version,
    createdAt: person.createdAt.toISOString(),
    updatedAt: person.updatedAt.toISOString(),
  };
}
