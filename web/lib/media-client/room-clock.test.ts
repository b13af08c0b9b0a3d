import { describe, expect, it } from "vitest";
import { clockFrom, countdownTone, formatRemaining, remainingMs } from "./room-clock.ts";

describe("the room clock", () => {
  it("counts from the node's time left on the monotonic clock, less half the round trip", () => {
    const clock = clockFrom({ endsAt: 1_000_000, remainingMs: 60_000, warningSeconds: [300, 60] }, 1000, 1200);
    expect(clock.deadline).toBe(1200 + 60_000 - 100);
    expect(remainingMs(clock, 1200)).toBe(59_900);
    expect(remainingMs(clock, 10_000_000)).toBe(0);
    expect(remainingMs(clockFrom({ endsAt: null, remainingMs: null, warningSeconds: [] }, 0, 0), 5)).toBeNull();
  });

  it("turns amber at the first warning and red at the last", () => {
    const clock = { deadline: 0, warningSeconds: [300, 60] };
    expect(countdownTone(clock, 301_000)).toBe("normal");
    expect(countdownTone(clock, 300_000)).toBe("amber");
    expect(countdownTone(clock, 60_001)).toBe("amber");
    expect(countdownTone(clock, 60_000)).toBe("red");
    expect(countdownTone(clock, null)).toBe("normal");
  });

  it("formats rounded up, with hours when needed", () => {
    expect(formatRemaining(0)).toBe("0:00");
    expect(formatRemaining(1)).toBe("0:01");
    expect(formatRemaining(59_001)).toBe("1:00");
    expect(formatRemaining(30 * 60_000)).toBe("30:00");
    expect(formatRemaining(2 * 3600_000 + 5_000)).toBe("2:00:05");
  });
});
