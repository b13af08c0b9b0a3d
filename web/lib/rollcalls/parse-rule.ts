// Browser-safe: the schedule form, the zod schema and the server read rules with this one parser.

export type Frequency = "DAILY" | "WEEKLY" | "MONTHLY";

/** The part of RFC 5545 RRULE the portal schedules with; everything else is refused. */
export interface ScheduleRuleParts {
  freq: Frequency;
  interval: number;
  count: number | undefined;
  until: Date | undefined;
  /** 0 = Monday … 6 = Sunday, on UTC days (the form moves the officer's weekdays to UTC). */
  byDay: number[] | undefined;
  /** 1…31, or -1…-31 from the month's end. */
  byMonthDay: number[] | undefined;
}

export type RuleError = "invalid_rrule" | "rrule_unbounded" | "rrule_too_many";

/** The most occurrences one schedule may create (a year of weekly calls). */
export const MAX_OCCURRENCES = 60;

const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/**
 * A whitelist, not a blacklist: the rule library the portal used before spent 20–80 s looking for
 * occurrences of BYWEEKNO=60, BYYEARDAY=400 or February 30th, and took a DTSTART inside the rule
 * over the validated start. Only FREQ, INTERVAL, COUNT, UNTIL, BYDAY (plain weekdays) and
 * BYMONTHDAY are read, each once and in range; DTSTART, BYSETPOS, BYWEEKNO… are invalid_rrule.
 */
export function parseRule(rule: string): ScheduleRuleParts | { error: RuleError } {
  const parts = new Map<string, string>();
  for (const part of rule.replace(/^RRULE:/, "").split(";")) {
    const match = /^([A-Z]+)=([A-Z0-9,+-]+)$/.exec(part);
    if (!match || parts.has(match[1]!)) return { error: "invalid_rrule" };
    parts.set(match[1]!, match[2]!);
  }
  for (const key of parts.keys()) if (!["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY"].includes(key)) return { error: "invalid_rrule" };

  const freq = parts.get("FREQ");
  if (freq !== "DAILY" && freq !== "WEEKLY" && freq !== "MONTHLY") return { error: "invalid_rrule" };
  const interval = parts.has("INTERVAL") ? smallInt(parts.get("INTERVAL")!, 1, 99) : 1;
  const count = parts.has("COUNT") ? smallInt(parts.get("COUNT")!, 1, 999) : undefined;
  const until = parts.has("UNTIL") ? parseUntil(parts.get("UNTIL")!) : undefined;
  const byDay = parts.has("BYDAY") ? list(parts.get("BYDAY")!, (v) => (DAYS.includes(v) ? DAYS.indexOf(v) : null)) : undefined;
  const byMonthDay = parts.has("BYMONTHDAY") ? list(parts.get("BYMONTHDAY")!, (v) => monthDay(v)) : undefined;
  if ([interval, count, until, byDay, byMonthDay].includes(null)) return { error: "invalid_rrule" };
  if (count !== undefined && until !== undefined) return { error: "invalid_rrule" };
  if (count === undefined && until === undefined) return { error: "rrule_unbounded" };
  if (count !== undefined && count! > MAX_OCCURRENCES) return { error: "rrule_too_many" };
  return { freq, interval: interval!, count: count ?? undefined, until: until ?? undefined, byDay: byDay ?? undefined, byMonthDay: byMonthDay ?? undefined };
}

function smallInt(value: string, min: number, max: number): number | null {
  if (!/^\d{1,3}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

function monthDay(value: string): number | null {
  if (!/^-?\d{1,2}$/.test(value)) return null;
  const n = Number(value);
  return n !== 0 && Math.abs(n) <= 31 ? n : null;
}

function list<T>(value: string, item: (v: string) => T | null): T[] | null {
  const items = value.split(",").map(item);
  return items.some((i) => i === null) ? null : (items as T[]);
}

/** UNTIL as a UTC date-time (20270301T000000Z) or a date (20270301), checked to be a real day. */
function parseUntil(value: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(value);
  if (!match) return null;
  const [y, mo, d, h = "0", mi = "0", s = "0"] = match.slice(1).map((v) => v ?? "0");
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  const valid = date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) && Number(h) < 24 && Number(mi) < 60 && Number(s) < 60;
  return valid ? date : null;
}
