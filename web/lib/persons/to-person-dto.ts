import type { SupervisedPerson, Unit } from "../db/generated/client.ts";
import type { TPerson } from "../schemas/persons.ts";

export function toPersonDto(person: SupervisedPerson & { unit: Pick<Unit, "name"> }): TPerson {
  return {
    id: person.id,
    unitId: person.unitId,
    unitName: person.unit.name,
    name: person.name,
    gender: person.gender as TPerson["gender"],
    idNumberMasked: person.idNumberMasked,
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
