import { describe, expect, it } from "vitest";
import { callKindOfRoom, cameraEncodings } from "./camera-encodings.ts";

const heights = (capture: { width: number; height: number }) =>
  cameraEncodings(capture, "group").map((e) => capture.height / (e.scaleResolutionDownBy ?? 1));

describe("camera encodings from the real capture size", () => {
  it("sends a VGA camera as 240 and 480 lines, the top one at full resolution", () => {
    expect(cameraEncodings({ width: 640, height: 480 }, "group")).toEqual([
      { rid: "r0", scaleResolutionDownBy: 2, maxBitrate: 250_000 },
      { rid: "r1", scaleResolutionDownBy: 1, maxBitrate: 900_000 },
    ]);
  });

  it("sends 720p and above as three layers (¼, ½, 1)", () => {
    expect(heights({ width: 1280, height: 720 })).toEqual([180, 360, 720]);
    expect(heights({ width: 1920, height: 1080 })).toEqual([270, 540, 1080]);
    expect(cameraEncodings({ width: 1280, height: 720 }, "group").map((e) => e.maxBitrate)).toEqual([150_000, 500_000, 1_500_000]);
  });

  it("keeps a small camera as one layer: halving it would leave nothing worth sending", () => {
    expect(cameraEncodings({ width: 320, height: 240 }, "group")).toEqual([{ maxBitrate: 250_000 }]);
  });

  it("counts a portrait phone camera by its short side", () => {
    expect(cameraEncodings({ width: 480, height: 640 }, "group")).toHaveLength(2);
    expect(cameraEncodings({ width: 720, height: 1280 }, "group")).toHaveLength(3);
  });

  it("never asks Chromium for more layers than it enables at that size (its top layers would be dropped)", () => {
    // Chromium's limits: 3 layers from 960×540 pixels, 2 from 480×270, else 1.
    const chromiumMax = (w: number, h: number) => (w * h >= 960 * 540 ? 3 : w * h >= 480 * 270 ? 2 : 1);
    for (const [w, h] of [[320, 240], [640, 360], [640, 480], [960, 540], [1280, 720], [1920, 1080]] as const) {
      expect(cameraEncodings({ width: w, height: h }, "group").length, `${w}×${h}`).toBeLessThanOrEqual(chromiumMax(w, h));
    }
  });

  it("sends a 1:1 call as one full-resolution encoding with three temporal layers", () => {
    expect(cameraEncodings({ width: 640, height: 480 }, "pair")).toEqual([{ maxBitrate: 900_000, scalabilityMode: "L1T3" }]);
    expect(cameraEncodings({ width: 1280, height: 720 }, "pair")).toEqual([{ maxBitrate: 1_500_000, scalabilityMode: "L1T3" }]);
  });

  it("treats a visit as a 1:1 call and every other room kind (or an unknown one) as a group", () => {
    expect(callKindOfRoom("visit")).toBe("pair");
    for (const kind of ["meeting", "rollcall", "inspection", undefined]) expect(callKindOfRoom(kind)).toBe("group");
  });
});
