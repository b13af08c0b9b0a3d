import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.ts";
import { consoleRole } from "./console-role.ts";

const actor = (role: Actor["role"], unitId: string, userId = "u1"): Actor => ({
  userId,
  username: "x",
  displayName: "x",
  role,
  unitId,
  unitName: "x",
  unitLevel: 4,
  unitPath: "/1/",
});
const rollCall = { unitId: "heCheng", createdById: "u9" };

describe("who runs a roll call's console and who watches", () => {
  it("lets the officers and admins of the roll call's own unit run it", () => {
    expect(consoleRole(actor("officer", "heCheng"), rollCall)).toBe("host");
    expect(consoleRole(actor("admin", "heCheng"), rollCall)).toBe("host");
  });

  it("lets whoever scheduled it run it, even from the county above", () => {
    expect(consoleRole(actor("officer", "gaoMing", "u9"), rollCall)).toBe("host");
  });

  it("makes staff of an ancestor unit and every inspector observers", () => {
    expect(consoleRole(actor("officer", "gaoMing"), rollCall)).toBe("observer");
    expect(consoleRole(actor("inspector", "heCheng"), rollCall)).toBe("observer");
    expect(consoleRole(actor("inspector", "foShan", "u9"), rollCall)).toBe("observer");
  });
});
