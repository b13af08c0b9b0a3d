import { describe, expect, it } from "vitest";
import { nextWindowAfter, openWindowAt } from "./windows.ts";

const MONDAY_8_TO_20 = [{ weekday: 1, start: "08:00", end: "20:00" }];

describe("check-in windows in China time", () => {
  it("is open on Monday 08:00–20:00 China time (00:00–12:00 UTC) and keys the occurrence by its China date", () => {
    // 2026-12-07 is a Monday.
    expect(openWindowAt(MONDAY_8_TO_20, new Date("2026-12-07T00:00:00Z"))).toEqual({
      key: "2026-12-07T08:00",
      startsAt: new Date("2026-12-07T00:00:00Z"),
      endsAt: new Date("2026-12-07T12:00:00Z"),
    });
    expect(openWindowAt(MONDAY_8_TO_20, new Date("2026-12-07T11:59:59Z"))?.key).toBe("2026-12-07T08:00");
  });

  it("is closed just before, at the end, and on Sunday evening UTC that is already Monday in China before 08:00", () => {
    expect(openWindowAt(MONDAY_8_TO_20, new Date("2026-12-06T23:59:59Z"))).toBeNull();
    expect(openWindowAt(MONDAY_8_TO_20, new Date("2026-12-07T12:00:00Z"))).toBeNull();
    expect(openWindowAt(MONDAY_8_TO_20, new Date("2026-12-06T20:00:00Z"))).toBeNull();
  });

  it("names the next opening, also across the week", () => {
    expect(nextWindowAfter(MONDAY_8_TO_20, new Date("2026-12-07T12:00:00Z"))).toEqual(new Date("2026-12-14T00:00:00Z"));
    expect(nextWindowAfter(MONDAY_8_TO_20, new Date("2026-12-06T10:00:00Z"))).toEqual(new Date("2026-12-07T00:00:00Z"));
    expect(nextWindowAfter([], new Date())).toBeNull();
  });
});
