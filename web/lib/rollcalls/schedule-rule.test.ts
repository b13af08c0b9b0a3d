import { describe, expect, it } from "vitest";
import { occurrences } from "./occurrences.ts";
import { portalDateAndTime, portalDateTime, portalWeekday, scheduleRule } from "./schedule-rule.ts";

const at = (date: string, time: string) => new Date(portalDateTime(date, time)!);
const portalDays = (dates: Date[]) => dates.map((d) => `${portalWeekday(d)} ${portalDateAndTime(d).date} ${portalDateAndTime(d).time}`);

describe("schedule rule", () => {
  it("reads the officer's date and time on the portal's clock (UTC+8)", () => {
    expect(portalDateTime("2027-03-01", "09:00")).toBe("2027-03-01T09:00:00+08:00");
    expect(at("2027-03-01", "09:00").toISOString()).toBe("2027-03-01T01:00:00.000Z");
    expect(portalDateTime("2027-03-01", "")).toBeNull();
    expect(portalDateAndTime(at("2027-03-01", "07:30"))).toEqual({ date: "2027-03-01", time: "07:30" });
  });

  it("gives no rule for a single roll call", () => {
    expect(scheduleRule(at("2027-03-01", "09:00"), { kind: "none" })).toEqual({ ok: true, rrule: undefined });
  });

  it("keeps the picked weekdays when the portal's morning is the previous day in UTC", () => {
    // Monday 2027-03-01 07:00 in China is Sunday 23:00 UTC.
    const start = at("2027-03-01", "07:00");
    const result = scheduleRule(start, { kind: "weekly", weekdays: ["MO", "TH"], end: { kind: "count", count: 4 } });
    expect(result).toEqual({ ok: true, rrule: "FREQ=WEEKLY;BYDAY=SU,WE;COUNT=4" });
    const dates = occurrences(start, (result as { rrule: string }).rrule) as Date[];
    expect(portalDays(dates)).toEqual(["MO 2027-03-01 07:00", "TH 2027-03-04 07:00", "MO 2027-03-08 07:00", "TH 2027-03-11 07:00"]);
  });

  it("runs until the end of the chosen day on the portal's clock, that day included", () => {
    const start = at("2027-03-01", "20:00");
    const result = scheduleRule(start, { kind: "daily", end: { kind: "until", date: "2027-03-03" } });
    expect(result).toEqual({ ok: true, rrule: "FREQ=DAILY;UNTIL=20270303T155959Z" });
    expect(portalDays(occurrences(start, (result as { rrule: string }).rrule) as Date[])).toEqual([
      "MO 2027-03-01 20:00",
      "TU 2027-03-02 20:00",
      "WE 2027-03-03 20:00",
    ]);
  });

  it("refuses a weekly rule without weekdays, an end before the start and a count below one", () => {
    const start = at("2027-03-01", "09:00");
    expect(scheduleRule(start, { kind: "weekly", weekdays: [], end: { kind: "count", count: 3 } })).toMatchObject({ ok: false, field: "weekdays" });
    expect(scheduleRule(start, { kind: "daily", end: { kind: "until", date: "2027-02-28" } })).toMatchObject({ ok: false, field: "until", code: "until_before_start" });
    expect(scheduleRule(start, { kind: "daily", end: { kind: "until", date: "" } })).toMatchObject({ ok: false, field: "until", code: "required" });
    expect(scheduleRule(start, { kind: "daily", end: { kind: "count", count: 0 } })).toMatchObject({ ok: false, field: "count" });
  });
});
