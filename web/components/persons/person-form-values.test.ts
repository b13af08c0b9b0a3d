import { describe, expect, it } from "vitest";
import { ZPersonCreate } from "@/lib/schemas/persons";
import type { TPerson } from "@/lib/schemas/persons";
import { emptyPersonValues, personValuesFrom, toCreateBody, toUpdateBodies } from "./person-form-values.ts";

const person: TPerson = {
  id: "p1",
  unitId: "0196b7c0-0000-7000-8000-000000000001",
  unitName: "荷城司法所",
  name: "王五",
  gender: "male",
  idNumberMasked: "4406**********1234",
  phone: "13800000000",
  address: "",
  supervisionType: "probation",
  status: "active",
  startDate: "2026-01-01",
  endDate: "2026-12-31",
  notes: "",
  version: 4,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

describe("the person form's values", () => {
  it("leaves unfilled controls out of a new person, so the schema calls them required", () => {
    const body = toCreateBody({ ...emptyPersonValues(), name: "王五" });
    expect(body).toEqual({ name: "王五", status: "active", address: "", notes: "" });
    const result = ZPersonCreate.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((issue) => issue.path[0] === "idNumber")).toBe(true);
  });

  it("never pre-fills the ID number of an existing person: empty means unchanged", () => {
    expect(personValuesFrom(person).idNumber).toBe("");
    const { changed, hasChanges } = toUpdateBodies(personValuesFrom(person), personValuesFrom(person), person.version);
    expect(changed).toEqual({ version: 4 });
    expect(hasChanges).toBe(false);
  });

  it("sends the version and only the fields the officer changed", () => {
    const initial = personValuesFrom(person);
    const { changed, full, hasChanges } = toUpdateBodies({ ...initial, phone: "13900000000", idNumber: "X" }, initial, person.version);
    expect(changed).toEqual({ version: 4, phone: "13900000000", idNumber: "X" });
    expect(full).toMatchObject({ version: 4, name: "王五", phone: "13900000000" });
    expect(hasChanges).toBe(true);
  });
});
