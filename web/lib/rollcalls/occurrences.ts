// Named import: Turbopack and vitest load rrule's ESM build (its CJS build has no default export for ESM).
import { rrulestr } from "rrule";

/** The most occurrences one schedule may create (a year of weekly calls). */
export const MAX_OCCURRENCES = 60;

/**
 * Start times of a schedule: just `start` without a rule, else every occurrence of the RFC 5545
 * rule from `start` (which is also the first), at most MAX_OCCURRENCES. Times keep `start`'s
 * clock time in UTC, which is what the portal stores; China has no daylight saving time.
 */
export function occurrences(start: Date, rule: string | undefined): Date[] | { error: "rrule_too_many" | "invalid_rrule" } {
  if (!rule) return [start];
  let parsed;
  try {
    parsed = rrulestr(rule.replace(/^RRULE:/, ""), { dtstart: start });
  } catch {
    return { error: "invalid_rrule" };
  }
  const dates = parsed.all((_, index) => index <= MAX_OCCURRENCES);
  if (dates.length > MAX_OCCURRENCES) return { error: "rrule_too_many" };
  return dates;
}
