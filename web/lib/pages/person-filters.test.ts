import { describe, expect, it } from "vitest";
import { PERSON_PAGE_SIZE, personFiltersFrom, personListHref } from "./person-filters.ts";

const UNIT = "0196b7c0-0000-7000-8000-000000000001";

describe("the persons list's URL filters", () => {
  it("reads search, status, unit and page, always with the fixed page size", () => {
    expect(personFiltersFrom({ q: " 王 ", status: "active", unitId: UNIT, page: "3", pageSize: "100" })).toEqual({
      q: "王",
      status: "active",
      unitId: UNIT,
      page: 3,
      pageSize: PERSON_PAGE_SIZE,
    });
  });

  it("drops only the filter that is invalid and keeps the others", () => {
    expect(personFiltersFrom({ q: "1234", status: "escaped", unitId: "not-a-uuid", page: "0" })).toEqual({
      q: "1234",
      page: 1,
      pageSize: PERSON_PAGE_SIZE,
    });
  });

  it("treats empty and repeated parameters as absent", () => {
    expect(personFiltersFrom({ q: "", status: ["active", "released"] })).toEqual({ page: 1, pageSize: PERSON_PAGE_SIZE });
  });

  it("writes the same filters back into a link, leaving out defaults", () => {
    expect(personListHref({ q: "王 五", status: "suspended", page: 1 })).toBe("/persons?q=%E7%8E%8B+%E4%BA%94&status=suspended");
    expect(personListHref({ unitId: UNIT, page: 2 })).toBe(`/persons?unitId=${UNIT}&page=2`);
    expect(personListHref({})).toBe("/persons");
  });
});
