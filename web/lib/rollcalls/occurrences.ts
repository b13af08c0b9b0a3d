// Browser-safe and bounded: the schedule form previews with the same function the server runs,
// and neither can be made to spin (see docs/DECISIONS.md, "Security hardening (issue 8)").
import { MAX_OCCURRENCES, parseRule, type RuleError, type ScheduleRuleParts } from "./parse-rule.ts";

export { MAX_OCCURRENCES };

/**
 * How far a schedule may reach: 60 monthly calls take five years. Expansion walks at most this
 * many days (a few thousand cheap steps, well under a millisecond), whatever the rule says.
 */
export const MAX_SCHEDULE_DAYS = 5 * 366;

const DAY_MS = 86_400_000;

export type OccurrenceError = RuleError | "rrule_no_occurrence" | "rrule_too_long";

/**
 * Start times of a schedule: just `start` without a rule, else every day the rule picks from
 * `start` on, at `start`'s clock time in UTC (which is what the portal stores; China has no
 * daylight saving time). The rule never moves the start: there is no DTSTART in it.
 */
export function occurrences(start: Date, rule: string | undefined): Date[] | { error: OccurrenceError } {
  if (!rule) return [start];
  const parsed = parseRule(rule);
  if ("error" in parsed) return parsed;
  if (parsed.until && parsed.until.getTime() > start.getTime() + MAX_SCHEDULE_DAYS * DAY_MS) return { error: "rrule_too_long" };

  const firstDay = Math.floor(start.getTime() / DAY_MS);
  const clock = start.getTime() - firstDay * DAY_MS;
  const dates: Date[] = [];
  for (let offset = 0; offset < MAX_SCHEDULE_DAYS; offset++) {
    const date = new Date((firstDay + offset) * DAY_MS + clock);
    if (parsed.until && date > parsed.until) break;
    if (!picks(parsed, start, date)) continue;
    dates.push(date);
    if (dates.length > MAX_OCCURRENCES) return { error: "rrule_too_many" };
    if (dates.length === parsed.count) break;
  }
  if (dates.length === 0) return { error: "rrule_no_occurrence" };
  if (parsed.count !== undefined && dates.length < parsed.count) return { error: "rrule_too_long" };
  return dates;
}

/** Whether the rule picks this day: in a period the INTERVAL keeps, and matching its BY-parts. */
function picks(rule: ScheduleRuleParts, start: Date, date: Date): boolean {
  const weekday = (date.getUTCDay() + 6) % 7;
  const monthDay = date.getUTCDate();
  const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  if (rule.interval > 1 && periodsBetween(rule.freq, start, date) % rule.interval !== 0) return false;
  if (rule.byDay && !rule.byDay.includes(weekday)) return false;
  if (rule.byMonthDay && !rule.byMonthDay.some((d) => (d > 0 ? d : daysInMonth + 1 + d) === monthDay)) return false;
  // Without BY-parts a weekly rule repeats the start's weekday and a monthly one its day of month.
  if (rule.freq === "WEEKLY" && !rule.byDay && !rule.byMonthDay) return weekday === (start.getUTCDay() + 6) % 7;
  if (rule.freq === "MONTHLY" && !rule.byDay && !rule.byMonthDay) return monthDay === start.getUTCDate();
  return true;
}

/** Whole days, Monday-based weeks or calendar months from the start's period to the date's. */
function periodsBetween(freq: ScheduleRuleParts["freq"], start: Date, date: Date): number {
  const startDay = Math.floor(start.getTime() / DAY_MS);
  const day = Math.floor(date.getTime() / DAY_MS);
  if (freq === "DAILY") return day - startDay;
  if (freq === "WEEKLY") {
    const monday = (d: number) => d - ((new Date(d * DAY_MS).getUTCDay() + 6) % 7);
    return (monday(day) - monday(startDay)) / 7;
  }
  return (date.getUTCFullYear() - start.getUTCFullYear()) * 12 + date.getUTCMonth() - start.getUTCMonth();
}
