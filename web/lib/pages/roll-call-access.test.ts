import { describe, expect, it } from "vitest";
import { canScheduleRollCalls } from "./roll-call-access.ts";

describe("roll-call page access", () => {
  it("lets officers and admins schedule, not inspectors", () => {
    expect(canScheduleRollCalls("officer")).toBe(true);
    expect(canScheduleRollCalls("admin")).toBe(true);
    expect(canScheduleRollCalls("inspector")).toBe(false);
  });
});
