/**
 * Check-in windows: weekly, in China time (UTC+8 all year, no daylight saving), e.g. every Monday
 * 08:00–20:00. A window's key (its date in China time and start) names one occurrence, so that
 * one check-in per person and window is a unique key in the database.
 */
export interface CheckInWindow {
  /** ISO weekday, Monday = 1 … Sunday = 7. */
  weekday: number;
  /** "HH:MM", China time. */
  start: string;
  end: string;
}

const CHINA_OFFSET_MS = 8 * 3600_000;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The window open at `now`, with its key and its end, or null. */
export function openWindowAt(windows: readonly CheckInWindow[], now: Date): { key: string; startsAt: Date; endsAt: Date } | null {
  const china = new Date(now.getTime() + CHINA_OFFSET_MS);
  const weekday = ((china.getUTCDay() + 6) % 7) + 1;
  const minute = china.getUTCHours() * 60 + china.getUTCMinutes();
  const date = china.toISOString().slice(0, 10);
  const midnightUtc = Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS;
  for (const w of windows) {
    if (w.weekday !== weekday) continue;
    const from = minutes(w.start);
    const to = minutes(w.end);
    if (minute >= from && minute < to) {
      return { key: `${date}T${w.start}`, startsAt: new Date(midnightUtc + from * 60_000), endsAt: new Date(midnightUtc + to * 60_000) };
    }
  }
  return null;
}

/** The next window to open after `now` (within a week), for the page to say when to come back. */
export function nextWindowAfter(windows: readonly CheckInWindow[], now: Date): Date | null {
  let best: number | null = null;
  const china = new Date(now.getTime() + CHINA_OFFSET_MS);
  const dayStartUtc = Date.parse(`${china.toISOString().slice(0, 10)}T00:00:00Z`) - CHINA_OFFSET_MS;
  const todayWeekday = ((china.getUTCDay() + 6) % 7) + 1;
  for (let offset = 0; offset <= 7; offset++) {
    const weekday = ((todayWeekday - 1 + offset) % 7) + 1;
    for (const w of windows) {
      if (w.weekday !== weekday) continue;
      const at = dayStartUtc + offset * 86_400_000 + minutes(w.start) * 60_000;
      if (at > now.getTime() && (best === null || at < best)) best = at;
    }
  }
  return best === null ? null : new Date(best);
}
