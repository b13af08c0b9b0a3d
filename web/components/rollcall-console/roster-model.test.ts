import { describe, expect, it } from "vitest";
import type { RosterEntry } from "./console-api";
import { displayedStatus, isRetryable, type QueuedMark } from "./mark-queue";
import { countStatuses, currentlyCalled, entryOfPeer, nextToCall, peerIdOfPerson } from "./roster-model";

const entry = (id: string, patch: Partial<RosterEntry> = {}): RosterEntry => ({
  id,
  personId: `p-${id}`,
  personName: `人员${id}`,
  unitName: "荷城司法所",
  status: "pending",
  joinedAt: null,
  markedAt: null,
  calledAt: null,
  challenge: null,
  answeredAt: null,
  evidenceUrl: null,
  link: `/r/${id}`,
  linkExpiresAt: "2026-11-26T10:00:00.000Z",
  linkState: "active",
  ...patch,
});
const asIs = (e: RosterEntry) => e.status;

describe("console roster model", () => {
  it("ties a media peer to its roster entry by the person id in the token's subject", () => {
    const entries = [entry("a"), entry("b")];
    expect(peerIdOfPerson("p-b")).toBe("person:p-b");
    expect(entryOfPeer(entries, "person:p-b")?.id).toBe("b");
    expect(entryOfPeer(entries, "user:p-b")).toBeUndefined();
    expect(entryOfPeer(entries, "guest:x")).toBeUndefined();
  });

  it("calls next someone not yet called and unsettled, people in the room first", () => {
    const entries = [entry("a", { calledAt: "2026-11-26T09:01:00.000Z" }), entry("b"), entry("c", { status: "late" }), entry("d", { status: "excused" })];
    expect(nextToCall(entries, asIs, new Set())?.id).toBe("b");
    expect(nextToCall(entries, asIs, new Set(["person:p-c"]))?.id).toBe("c");
    expect(nextToCall(entries, (e) => (e.id === "b" ? "present" : e.status), new Set())?.id).toBe("c");
    expect(nextToCall([entries[0]!, entries[3]!], asIs, new Set())).toBeNull();
  });

  it("finds who is being called from the latest call time (as after a reload)", () => {
    const entries = [entry("a", { calledAt: "2026-11-26T09:01:00.000Z" }), entry("b", { calledAt: "2026-11-26T09:03:00.000Z" }), entry("c")];
    expect(currentlyCalled(entries)?.id).toBe("b");
    expect(currentlyCalled([entry("c")])).toBeNull();
  });

  it("counts what the roster shows", () => {
    expect(countStatuses([entry("a"), entry("b", { status: "late" }), entry("c", { status: "late" })], asIs)).toEqual({ pending: 1, present: 0, late: 2, excused: 0, absent: 0, unverified: 0 });
  });
});

describe("console mark queue", () => {
  const queued = (patch: Partial<QueuedMark>): QueuedMark => ({ entryId: "a", status: "present", origin: { console: "7d0f5a2e-1c1b-4c55-9a3e-2f0a9c1d6b11", seq: 1 }, state: "saving", retryable: false, error: null, markedAt: null, ...patch });

  it("shows an unsaved or failed mark instead of the server's status, never hiding it", () => {
    expect(displayedStatus(entry("a"), queued({ state: "saving" }))).toBe("present");
    expect(displayedStatus(entry("a"), queued({ state: "failed", retryable: true }))).toBe("present");
  });

  it("shows a saved mark until the polled roster has caught up with it", () => {
    const saved = queued({ state: "saved", markedAt: "2026-11-26T09:05:00.000Z" });
    expect(displayedStatus(entry("a", { markedAt: null }), saved)).toBe("present");
    expect(displayedStatus(entry("a", { status: "late", markedAt: "2026-11-26T09:04:00.000Z" }), saved)).toBe("present");
    expect(displayedStatus(entry("a", { status: "absent", markedAt: "2026-11-26T09:06:00.000Z" }), saved)).toBe("absent");
  });

  it("retries what may pass (network, server errors, rate limit), not refusals", () => {
    const error = (status: number) => ({ status, code: "x", message: "", fields: {} });
    expect([0, 500, 503, 429].map((s) => isRetryable(error(s)))).toEqual([true, true, true, true]);
    expect([400, 403, 404, 409].map((s) => isRetryable(error(s)))).toEqual([false, false, false, false]);
  });
});
