// Browser-safe: the schedule form builds the rule with it and previews the dates the server will
// create (both sides run the same `occurrences`).

/** The portal's clock: Asia/Shanghai, which has no daylight saving time, so a fixed offset is exact. */
export const PORTAL_UTC_OFFSET = "+08:00";
const OFFSET_MS = 8 * 3600_000;

export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type RecurrenceEnd = { kind: "until"; date: string } | { kind: "count"; count: number };
export type Recurrence =
  | { kind: "none" }
  | { kind: "daily"; end: RecurrenceEnd }
  | { kind: "weekly"; weekdays: Weekday[]; end: RecurrenceEnd };

export type RuleResult = { ok: true; rrule: string | undefined } | { ok: false; field: "weekdays" | "until" | "count"; code: string };

/** A date (YYYY-MM-DD) and a clock time (HH:MM) on the portal's clock, as an ISO string with offset. */
export function portalDateTime(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const iso = `${date}T${time}:00${PORTAL_UTC_OFFSET}`;
  return Number.isNaN(new Date(iso).getTime()) ? null : iso;
}

/** The weekday of an instant on the portal's clock. */
export function portalWeekday(instant: Date): Weekday {
  return WEEKDAYS[(new Date(instant.getTime() + OFFSET_MS).getUTCDay() + 6) % 7]!;
}

/** The date and clock time of an instant on the portal's clock (for editing a stored start). */
export function portalDateAndTime(instant: Date): { date: string; time: string } {
  const iso = new Date(instant.getTime() + OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/**
 * The RFC 5545 rule for a recurrence starting at `start`. The server expands rules in UTC, so the
 * weekdays the officer picked on the portal's clock are moved to the UTC weekday of the same
 * moment (07:00 on Monday in China is Sunday 23:00 UTC), and "until a date" means the end of
 * that day on the portal's clock.
 */
export function scheduleRule(start: Date, recurrence: Recurrence): RuleResult {
  if (recurrence.kind === "none") return { ok: true, rrule: undefined };
  const end = recurrenceEnd(start, recurrence.end);
  if (!end.ok) return end;
  if (recurrence.kind === "daily") return { ok: true, rrule: `FREQ=DAILY;${end.part}` };
  if (recurrence.weekdays.length === 0) return { ok: false, field: "weekdays", code: "weekdays_required" };
  const shift = (start.getUTCDay() - new Date(start.getTime() + OFFSET_MS).getUTCDay() + 7) % 7;
  const byDay = WEEKDAYS.filter((day) => recurrence.weekdays.includes(day)).map((day) => WEEKDAYS[(WEEKDAYS.indexOf(day) + shift) % 7]!);
  return { ok: true, rrule: `FREQ=WEEKLY;BYDAY=${byDay.join(",")};${end.part}` };
}

function recurrenceEnd(start: Date, end: RecurrenceEnd): { ok: true; part: string } | { ok: false; field: "until" | "count"; code: string } {
  if (end.kind === "count") {
    if (!Number.isInteger(end.count) || end.count < 1) return { ok: false, field: "count", code: "too_small" };
    return { ok: true, part: `COUNT=${end.count}` };
  }
  const until = portalDateTime(end.date, "23:59");
  if (!until) return { ok: false, field: "until", code: "required" };
  const untilDate = new Date(new Date(until).getTime() + 59_000);
  if (untilDate < start) return { ok: false, field: "until", code: "until_before_start" };
  return { ok: true, part: `UNTIL=${untilDate.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}` };
}
