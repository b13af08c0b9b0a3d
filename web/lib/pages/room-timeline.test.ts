import { describe, expect, it } from "vitest";
import { roomTimeline } from "./room-timeline.ts";

const at = (minute: number) => `2026-11-26T08:${String(minute).padStart(2, "0")}:00.000Z`;

describe("a room's history", () => {
  it("names a leave after the join of the same identity", () => {
    const timeline = roomTimeline([
      { type: "room.created", identity: "user:1", name: "王警官", at: at(0), data: {} },
      { type: "peer.joined", identity: "guest:x", name: "李家属", at: at(1), data: { role: "guest" } },
      { type: "peer.left", identity: "guest:x", name: null, at: at(5), data: { reason: "timeout" } },
    ]);
    expect(timeline).toEqual([
      { at: at(0), kind: "created", who: "王警官" },
      { at: at(1), kind: "joined", who: "李家属", role: "guest" },
      { at: at(5), kind: "left", who: "李家属", reason: "timeout" },
    ]);
  });

  it("keeps a node's close without a name and drops event types it does not know", () => {
    const timeline = roomTimeline([
      { type: "room.closed", identity: null, name: null, at: at(9), data: { reason: "closed_by_portal" } },
      { type: "something.new", identity: null, name: null, at: at(9), data: {} },
    ]);
    expect(timeline).toEqual([{ at: at(9), kind: "closed", who: null, reason: "closed_by_portal" }]);
  });
});
