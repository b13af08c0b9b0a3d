import { describe, expect, it } from "vitest";
import { bearingDegrees, distanceMeters } from "./geo.ts";
import { judgeLocation } from "./judge-location.ts";
import { judgeTurn, MIN_TURN } from "./liveness.ts";

const CENTRE = { latitude: 22.8866, longitude: 112.8827 };

describe("location and liveness judgements", () => {
  it("measures distance and bearing from the residence centre", () => {
    const north = { latitude: 22.8966, longitude: 112.8827 };
    expect(distanceMeters(CENTRE, north)).toBeCloseTo(1112, -1);
    expect(bearingDegrees(CENTRE, north)).toBeCloseTo(0, 3);
    expect(bearingDegrees(CENTRE, { latitude: 22.8866, longitude: 112.8927 })).toBeCloseTo(90, 1);
    expect(bearingDegrees(CENTRE, { latitude: 22.8766, longitude: 112.8827 })).toBeCloseTo(180, 3);
  });

  it("gives the phone's accuracy the benefit of the doubt, up to 100 m, and respects 'may leave'", () => {
    const area = { ...CENTRE, radiusMeters: 500, mayLeave: false };
    const at = (metresNorth: number, accuracyMeters: number) => ({ latitude: CENTRE.latitude + metresNorth / 111_195, longitude: CENTRE.longitude, accuracyMeters });
    expect(judgeLocation(at(550, 60), area).reason).toBeNull();
    expect(judgeLocation(at(650, 60), area).reason).toBe("outside_area");
    expect(judgeLocation(at(650, 5000), area).reason).toBe("outside_area");
    expect(judgeLocation(at(5000, 10), { ...area, mayLeave: true })).toMatchObject({ reason: null, distanceMeters: 5000 });
    expect(judgeLocation(null, area).reason).toBe("no_location");
    expect(judgeLocation(at(0, 10), null).reason).toBe("no_residence_area");
  });

  it("passes a head turn only in the asked direction and by at least the minimum", () => {
    expect(judgeTurn("left", -0.2, 0.2).result).toBe("passed");
    expect(judgeTurn("right", -0.2, 0.2).result).toBe("failed");
    expect(judgeTurn("right", 0.1, 0.1 - MIN_TURN - 0.01).result).toBe("passed");
    expect(judgeTurn("left", 0, MIN_TURN / 2).result).toBe("failed");
    expect(judgeTurn("left", null, 0.5).result).toBe("failed");
  });
});
