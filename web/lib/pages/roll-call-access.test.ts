import { describe, expect, it } from "vitest";
import { canScheduleRollCalls, consoleMode } from "./roll-call-access.ts";

describe("roll-call page access", () => {
  it("lets officers and admins schedule, not inspectors", () => {
    expect(canScheduleRollCalls("officer")).toBe(true);
    expect(canScheduleRollCalls("admin")).toBe(true);
    expect(canScheduleRollCalls("inspector")).toBe(false);
  });

  it("offers to run the console only to an officer of the unit that holds the roll call", () => {
    expect(consoleMode({ role: "officer", unitId: "hc" }, { unitId: "hc" })).toBe("host");
    expect(consoleMode({ role: "officer", unitId: "gm" }, { unitId: "hc" })).toBe("observer");
    expect(consoleMode({ role: "inspector", unitId: "hc" }, { unitId: "hc" })).toBe("observer");
  });
});
