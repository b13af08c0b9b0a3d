import { describe, expect, it } from "vitest";
import { checkSchedule, defaultScheduleValues, scheduleErrorsFrom, type ScheduleValues } from "./schedule-form-values.ts";

const UNIT = "0190d6a4-5c6e-7b8a-9c0d-1e2f3a4b5c6d";
const PERSON = "0190d6a4-5c6e-7b8a-9c0d-1e2f3a4b5c6e";
const filled = (over: Partial<ScheduleValues> = {}): ScheduleValues => ({
  ...defaultScheduleValues(UNIT),
  title: "每周一点名",
  date: "2099-03-02",
  time: "09:00",
  personIds: [PERSON],
  ...over,
});

describe("schedule form values", () => {
  it("builds the API body with the start on the portal's clock and the weekly rule", () => {
    const result = checkSchedule(filled({ repeat: "weekly", weekdays: ["MO", "WE"], endKind: "count", count: "3" }));
    expect(result).toEqual({
      ok: true,
      body: {
        title: "每周一点名",
        unitId: UNIT,
        startsAt: "2099-03-02T09:00:00+08:00",
        graceMinutes: 10,
        durationMinutes: 30,
        livenessEnabled: true,
        personIds: [PERSON],
        rrule: "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3",
      },
    });
  });

  it("sends no rule for a single roll call", () => {
    const result = checkSchedule(filled());
    expect(result.ok && result.body.rrule).toBeUndefined();
  });

  it("names every field to fix at once, in the form's own places", () => {
    const result = checkSchedule({ ...defaultScheduleValues(UNIT), time: "", graceMinutes: "40", repeat: "weekly", weekdays: [] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toMatchObject({ title: "required", date: "required", time: "required", personIds: "roster_empty" });
    const grace = checkSchedule(filled({ graceMinutes: "40", durationMinutes: "30" }));
    expect(!grace.ok && grace.errors).toEqual({ graceMinutes: "grace_exceeds_window" });
    const weekly = checkSchedule(filled({ repeat: "weekly", weekdays: [] }));
    expect(!weekly.ok && weekly.errors).toEqual({ weekdays: "weekdays_required" });
  });

  it("maps the server's refusals to the controls that caused them", () => {
    expect(scheduleErrorsFrom({ startsAt: "in_past", personIds: "not_found", rrule: "rrule_too_many", graceMinutes: "grace_exceeds_window" })).toEqual({
      date: "in_past",
      personIds: "roster_not_found",
      rrule: "rrule_too_many",
      graceMinutes: "grace_exceeds_window",
    });
  });
});
