import type { RoomTime } from "../../../server/src/protocol/room-terms.ts";

/**
 * A timed room's end on this device's monotonic clock. The node says how many milliseconds are
 * left; the page counts down from that with `performance.now()`, so a phone whose wall clock is
 * minutes off (or is changed during the visit) still shows the node's time. Half the request's
 * round trip is taken off: the answer was true when the node sent it, half a round trip ago.
 */
export interface RoomClock {
  /** `performance.now()` value at which the room ends; null: no end. */
  deadline: number | null;
  /** Warning thresholds, seconds left, largest first (amber at the first, red at the last). */
  warningSeconds: number[];
}

export const NO_CLOCK: RoomClock = { deadline: null, warningSeconds: [] };

export function clockFrom(time: RoomTime, sentAt: number, receivedAt: number): RoomClock {
  if (time.remainingMs === null) return { deadline: null, warningSeconds: time.warningSeconds };
  const halfRoundTrip = Math.max(0, receivedAt - sentAt) / 2;
  return { deadline: receivedAt + time.remainingMs - halfRoundTrip, warningSeconds: time.warningSeconds };
}

/** Milliseconds left (never negative), or null for a room without an end. */
export function remainingMs(clock: RoomClock, now: number = performance.now()): number | null {
  return clock.deadline === null ? null : Math.max(0, clock.deadline - now);
}

export type CountdownTone = "normal" | "amber" | "red";

/** Amber from the first warning (5 min), red from the last (1 min). */
export function countdownTone(clock: RoomClock, remaining: number | null): CountdownTone {
  if (remaining === null || clock.warningSeconds.length === 0) return "normal";
  const last = clock.warningSeconds[clock.warningSeconds.length - 1]!;
  const first = clock.warningSeconds[0]!;
  if (remaining <= last * 1000) return "red";
  if (remaining <= first * 1000) return "amber";
  return "normal";
}

/** "mm:ss" (or "h:mm:ss"), rounded up: a countdown shows 0:00 only when time is over. */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, "0") : String(m);
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}
