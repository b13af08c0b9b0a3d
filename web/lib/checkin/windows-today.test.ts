import { describe, expect, it } from "vitest";
import { openWindowAt } from "./windows.ts";
import { chinaDay, windowsOfDay } from "./windows-today.ts";

describe("today's check-in windows in China time", () => {
  // 2026-12-06T17:30Z is Monday 2026-12-07 01:30 in China.
  const now = new Date("2026-12-06T17:30:00Z");
  const windows = [
    { weekday: 1, start: "08:00", end: "20:00" },
    { weekday: 1, start: "00:00", end: "02:00" },
    { weekday: 2, start: "08:00", end: "20:00" },
  ];

  it("takes the China date, not the UTC one", () => {
    expect(chinaDay(now)).toEqual({ date: "2026-12-07", startsAt: new Date("2026-12-06T16:00:00Z"), endsAt: new Date("2026-12-07T16:00:00Z") });
  });

  it("lists only today's weekday, in start order, with the keys the check-in uses", () => {
    const today = windowsOfDay(windows, now);
    expect(today.map((w) => w.key)).toEqual(["2026-12-07T00:00", "2026-12-07T08:00"]);
    expect(today[1]).toMatchObject({ startsAt: new Date("2026-12-07T00:00:00Z"), endsAt: new Date("2026-12-07T12:00:00Z") });
    expect(openWindowAt(windows, now)?.key).toBe(today[0]!.key);
  });
});
