import type { CheckInWindow } from "./windows.ts";

const CHINA_OFFSET_MS = 8 * 3600_000;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Today's date in China time ("2026-12-07") and the UTC instants that bound it. */
export function chinaDay(now: Date): { date: string; startsAt: Date; endsAt: Date } {
  const date = new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  const start = Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS;
  return { date, startsAt: new Date(start), endsAt: new Date(start + 86_400_000) };
}

/**
 * The occurrences of a plan's windows on the China-time day of `now`, with the same keys as
 * `openWindowAt` (so they name the same SelfCheckIn rows), in start order.
 */
export function windowsOfDay(windows: readonly CheckInWindow[], now: Date): Array<{ key: string; startsAt: Date; endsAt: Date }> {
  const day = chinaDay(now);
  const china = new Date(now.getTime() + CHINA_OFFSET_MS);
  const weekday = ((china.getUTCDay() + 6) % 7) + 1;
  return windows
    .filter((w) => w.weekday === weekday)
    .map((w) => ({
      key: `${day.date}T${w.start}`,
      startsAt: new Date(day.startsAt.getTime() + minutes(w.start) * 60_000),
      endsAt: new Date(day.startsAt.getTime() + minutes(w.end) * 60_000),
    }))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
