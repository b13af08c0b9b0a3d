/**
 * A room's end on the node's own clock: warnings at the configured thresholds, then the end,
 * with no portal involved. One timer, re-armed at most every `MAX_SLEEP_MS`, re-reads the wall
 * clock each time it wakes: the end is a wall-clock instant from the token, and a node whose
 * clock is stepped (NTP) must still end on time, which a single long timer (monotonic) would not.
 */
export interface DeadlineHandlers {
  warn(thresholdSeconds: number, remainingMs: number): void;
  end(): void;
}

const MAX_SLEEP_MS = 5_000;

export class RoomDeadline {
  private timer: NodeJS.Timeout | undefined;
  /** Thresholds not yet announced, largest first. */
  private readonly pending: number[];
  private stopped = false;

  constructor(
    readonly endsAtMs: number,
    readonly warningSeconds: readonly number[],
    private readonly handlers: DeadlineHandlers,
    private readonly now: () => number = Date.now,
  ) {
    const remaining = endsAtMs - now();
    // A room opened with less time left than a threshold does not announce it late: its
    // countdown already shows the colour, and a warning on entry would only alarm.
    this.pending = [...warningSeconds].sort((a, b) => b - a).filter((s) => s * 1000 < remaining);
    this.arm();
  }

  remainingMs(): number {
    return Math.max(0, this.endsAtMs - this.now());
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private arm(): void {
    if (this.stopped) return;
    const remaining = this.endsAtMs - this.now();
    if (remaining <= 0) {
      this.stopped = true;
      this.handlers.end();
      return;
    }
    while (this.pending.length > 0 && remaining <= this.pending[0]! * 1000) {
      this.handlers.warn(this.pending.shift()!, remaining);
    }
    const nextWarning = this.pending.length > 0 ? remaining - this.pending[0]! * 1000 : Infinity;
    const sleep = Math.max(1, Math.min(remaining, nextWarning, MAX_SLEEP_MS));
    this.timer = setTimeout(() => this.arm(), sleep);
    // The room keeps the process alive through its peers' sockets, not through this timer.
    this.timer.unref?.();
  }
}
