import { describe, expect, it } from "vitest";
import { visitEndedKind } from "./visit-ended.ts";

describe("a visit's ended screen", () => {
  it("says on time, ended by the staff (never the officer's words), a fault, or a dead link", () => {
    expect(visitEndedKind({ kind: "closed", message: "on_time" })).toBe("on_time");
    expect(visitEndedKind({ kind: "closed", message: "terminated" })).toBe("terminated");
    expect(visitEndedKind({ kind: "removed", message: "谈论案情" })).toBe("terminated");
    expect(visitEndedKind({ kind: "closed", message: "worker_died" })).toBe("connection");
    expect(visitEndedKind({ kind: "closed", message: "closed_by_portal" })).toBe("closed");
    expect(visitEndedKind({ kind: "refused", code: "room_closed", message: "This room's time is over" })).toBe("refused");
  });
});
