import type { TPerson } from "@/lib/schemas/persons";

/** What the form holds: every control's text exactly as typed, so nothing is lost on an error. */
export interface PersonFormValues {
  unitId: string;
  name: string;
  gender: string;
  idNumber: string;
  phone: string;
  address: string;
  supervisionType: string;
  status: string;
  startDate: string;
  endDate: string;
  notes: string;
}

export type PersonField = keyof PersonFormValues;

// Free text that may be empty; any other empty control means "not filled in" (→ "required").
const MAY_BE_EMPTY = new Set<PersonField>(["address", "notes"]);

export function emptyPersonValues(defaultUnitId = ""): PersonFormValues {
  return {
    unitId: defaultUnitId,
    name: "",
    gender: "",
    idNumber: "",
    phone: "",
    address: "",
    supervisionType: "",
    status: "active",
    startDate: "",
    endDate: "",
    notes: "",
  };
}

/** The ID number is never sent back by the server (only its mask): it stays empty = unchanged. */
export function personValuesFrom(person: TPerson): PersonFormValues {
  return {
    unitId: person.unitId,
    name: person.name,
    gender: person.gender,
    idNumber: "",
    phone: person.phone,
    address: person.address,
    supervisionType: person.supervisionType,
    status: person.status,
    startDate: person.startDate,
    endDate: person.endDate,
    notes: person.notes,
  };
}

/** The create body: unfilled controls are left out so the schema reports them as "required". */
export function toCreateBody(values: PersonFormValues): Partial<PersonFormValues> {
  const body: Partial<Record<PersonField, string>> = {};
  for (const [key, value] of Object.entries(values) as Array<[PersonField, string]>) {
    if (value.trim() !== "" || MAY_BE_EMPTY.has(key)) body[key] = value;
  }
  return body;
}

/**
 * The update body: the version plus only what changed, so the audit trail names the fields the
 * officer actually edited. `full` also carries the unchanged fields, for validating the whole form.
 */
export function toUpdateBodies(values: PersonFormValues, initial: PersonFormValues, version: number) {
  const changed: Partial<Record<PersonField, string>> = {};
  const full: Partial<Record<PersonField, string>> = {};
  for (const [key, value] of Object.entries(values) as Array<[PersonField, string]>) {
    if (key === "idNumber" && value.trim() === "") continue;
    full[key] = value;
    if (value !== initial[key]) changed[key] = value;
  }
  return {
    changed: { version, ...changed },
    full: { version, ...full },
    hasChanges: Object.keys(changed).length > 0,
  };
}
