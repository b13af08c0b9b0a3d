import { describe, expect, it } from "vitest";
import { occurrences } from "./occurrences.ts";

const START = new Date("2027-03-01T01:00:00Z"); // a Monday
const iso = (dates: ReturnType<typeof occurrences>) => ("error" in dates ? dates : dates.map((d) => d.toISOString().slice(0, 10)));

describe("schedule expansion is bounded", () => {
  it("answers rules with no occurrence at once instead of searching for years", () => {
    for (const rule of ["FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1", "FREQ=DAILY;BYWEEKNO=60;COUNT=1", "FREQ=DAILY;BYYEARDAY=400;COUNT=1"]) {
      const t0 = performance.now();
      expect(occurrences(START, rule), rule).toHaveProperty("error");
      expect(performance.now() - t0, rule).toBeLessThan(50);
    }
    const t0 = performance.now();
    expect(occurrences(START, "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31;COUNT=60")).toEqual({ error: "rrule_too_long" });
    expect(occurrences(START, "FREQ=MONTHLY;BYMONTHDAY=30;BYDAY=SU;UNTIL=20270401T000000Z")).toEqual({ error: "rrule_no_occurrence" });
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it("never lets the rule move the start (DTSTART) or end before it", () => {
    expect(occurrences(START, "FREQ=DAILY;DTSTART=20200101T000000Z;COUNT=2")).toEqual({ error: "invalid_rrule" });
    expect(occurrences(START, "DTSTART:20200101T000000Z\nRRULE:FREQ=DAILY;COUNT=2")).toEqual({ error: "invalid_rrule" });
    expect(occurrences(START, "FREQ=DAILY;UNTIL=20200101T000000Z")).toEqual({ error: "rrule_no_occurrence" });
    expect(occurrences(START, "FREQ=DAILY;COUNT=0")).toEqual({ error: "invalid_rrule" });
    expect(occurrences(START, "FREQ=DAILY;INTERVAL=0;COUNT=3")).toEqual({ error: "invalid_rrule" });
    expect(occurrences(START, "FREQ=DAILY;COUNT=2;UNTIL=20270310T000000Z")).toEqual({ error: "invalid_rrule" });
    expect(occurrences(START, "FREQ=DAILY")).toEqual({ error: "rrule_unbounded" });
    expect(occurrences(START, "FREQ=DAILY;UNTIL=20270230T000000Z")).toEqual({ error: "invalid_rrule" });
  });

  it("expands the rules the schedule form makes, like RFC 5545", () => {
    expect(iso(occurrences(START, "FREQ=DAILY;COUNT=3"))).toEqual(["2027-03-01", "2027-03-02", "2027-03-03"]);
    expect(iso(occurrences(START, "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4"))).toEqual(["2027-03-01", "2027-03-04", "2027-03-08", "2027-03-11"]);
    expect(iso(occurrences(START, "FREQ=WEEKLY;INTERVAL=2;COUNT=3"))).toEqual(["2027-03-01", "2027-03-15", "2027-03-29"]);
    expect(iso(occurrences(START, "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=2"))).toEqual(["2027-03-31", "2027-04-30"]);
    expect(iso(occurrences(START, "FREQ=DAILY;UNTIL=20270302T235959Z"))).toEqual(["2027-03-01", "2027-03-02"]);
    expect(occurrences(START, "FREQ=DAILY;COUNT=61")).toEqual({ error: "rrule_too_many" });
    expect(occurrences(START, "FREQ=DAILY;UNTIL=20271231T000000Z")).toEqual({ error: "rrule_too_many" });
  });
});
