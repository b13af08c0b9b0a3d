import { describe, expect, it } from "vitest";
import { lossBetween, rateQuality } from "./connection-quality.ts";

describe("the connection-quality indicator", () => {
  it("is good on a quick clean link with smooth video", () => {
    expect(rateQuality({ rttMs: 40, recentLoss: 0, fps: 20 })).toBe("good");
  });

  it("takes the worst of delay, loss and frame rate", () => {
    expect(rateQuality({ rttMs: 250, recentLoss: 0, fps: 20 })).toBe("fair");
    expect(rateQuality({ rttMs: 40, recentLoss: 0.1, fps: 20 })).toBe("poor");
    expect(rateQuality({ rttMs: 40, recentLoss: 0, fps: 3 })).toBe("poor");
  });

  it("shows nothing until it has a reading", () => {
    expect(rateQuality({ rttMs: null, recentLoss: null, fps: null })).toBeNull();
  });

  it("measures loss since the last reading, so an old outage does not stay on screen", () => {
    expect(lossBetween({ packetsLost: 500, packetsReceived: 1000 }, { packetsLost: 500, packetsReceived: 2000 })).toBe(0);
    expect(lossBetween(null, { packetsLost: 5, packetsReceived: 95 })).toBeCloseTo(0.05);
    expect(lossBetween({ packetsLost: 5, packetsReceived: 95 }, { packetsLost: 5, packetsReceived: 95 })).toBeNull();
  });
});
