import { describe, expect, it } from "vitest";
import { chinaDate, isOpenOver, slotStartingAt, slotsBetween } from "./slot-grid.ts";

const grid = { openingHours: { "1": [["09:00", "10:00"] as [string, string], ["14:00", "15:00"] as [string, string]] }, slotMinutes: 30, closedDates: ["2026-12-14"] };
// 2026-12-07 is a Monday.
const at = (local: string) => new Date(`${local}+08:00`);

describe("a room's slot grid (China time)", () => {
  it("cuts each opening window of the weekday into whole slots", () => {
    const slots = slotsBetween(grid, at("2026-12-07T00:00:00"), at("2026-12-08T00:00:00"));
    expect(slots.map((s) => chinaDate(s.startsAt) + " " + new Date(s.startsAt.getTime() + 8 * 3600_000).toISOString().slice(11, 16))).toEqual([
      "2026-12-07 09:00",
      "2026-12-07 09:30",
      "2026-12-07 14:00",
      "2026-12-07 14:30",
    ]);
  });

  it("has no slot on other weekdays or closed dates", () => {
    expect(slotsBetween(grid, at("2026-12-08T00:00:00"), at("2026-12-14T00:00:00"))).toHaveLength(0);
    expect(slotsBetween(grid, at("2026-12-14T00:00:00"), at("2026-12-15T00:00:00"))).toHaveLength(0);
  });

  it("finds a slot only at its exact start", () => {
    expect(slotStartingAt(grid, at("2026-12-07T09:30:00"))?.endsAt).toEqual(at("2026-12-07T10:00:00"));
    expect(slotStartingAt(grid, at("2026-12-07T09:15:00"))).toBeNull();
    expect(slotStartingAt(grid, at("2026-12-07T10:00:00"))).toBeNull();
  });

  it("says whether a terminal is open over another grid's slot", () => {
    expect(isOpenOver(grid, at("2026-12-07T09:10:00"), at("2026-12-07T09:40:00"))).toBe(true);
    expect(isOpenOver(grid, at("2026-12-07T09:40:00"), at("2026-12-07T10:10:00"))).toBe(false);
  });

  it("serves 24:00 as the end of the day and 2-minute test slots", () => {
    const allDay = { openingHours: { "1": [["00:00", "24:00"] as [string, string]] }, slotMinutes: 2, closedDates: [] };
    expect(slotsBetween(allDay, at("2026-12-07T00:00:00"), at("2026-12-08T00:00:00"))).toHaveLength(720);
  });
});
