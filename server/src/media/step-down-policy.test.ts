import { describe, expect, it } from "vitest";
import { STEP_DOWN_DEFAULTS, stepDownCaps, type Cap, type ViewerConsumer } from "./step-down-policy.ts";

// A VGA camera's two simulcast streams as measured on a loaded machine, at their full and their
// base frame rate (temporal layer 0): 240 lines ≈ 120 kbit/s, 480 lines ≈ 380 (base 160) kbit/s.
const LAYERS = [
  { full: 120_000, base: 50_000 },
  { full: 380_000, base: 160_000 },
];
const viewer = (over: Partial<ViewerConsumer> = {}): ViewerConsumer => ({ id: "c1", want: 1, layers: LAYERS, ...over });
const tick = (availableBps: number, consumers: ViewerConsumer[], now = 0, lossFraction = 0) => ({ now, availableBps, lossFraction, consumers });
const { holdMs, minCapMs } = STEP_DOWN_DEFAULTS;

/** Runs ticks one after another; for each, c1's state: a ceiling, "rec" (recovering) or null (not capped). */
function run(ticks: Array<{ at: number; bps: number; loss?: number }>): Array<number | "rec" | null> {
  let caps: Map<string, Cap> = new Map();
  return ticks.map(({ at, bps, loss }) => {
    caps = stepDownCaps(caps, tick(bps, [viewer()], at, loss ?? 0));
    const cap = caps.get("c1");
    return cap === undefined ? null : cap.ceiling === null ? "rec" : cap.ceiling;
  });
}

describe("early step-down policy", () => {
  it("leaves a link that carries the wanted layer at full frame rate alone", () => {
    expect(stepDownCaps(new Map(), tick(1_000_000, [viewer()])).size).toBe(0);
    expect(stepDownCaps(new Map(), tick(380_000, [viewer()])).size).toBe(0);
  });

  it("caps at the lower spatial layer as soon as the estimate no longer carries the top one at full frame rate", () => {
    // 350 kbit/s: mediasoup would keep 480 lines at a lower frame rate; the policy goes to 240 now.
    expect(stepDownCaps(new Map(), tick(350_000, [viewer()])).get("c1")).toEqual({ ceiling: 0, since: 0, fitsSince: null });
  });

  it("steps down on the first loss in the transport-cc feedback, whatever the estimate", () => {
    expect(stepDownCaps(new Map(), tick(2_000_000, [viewer()], 0, 0.02)).get("c1")?.ceiling).toBe(0);
    expect(stepDownCaps(new Map(), tick(2_000_000, [viewer()], 0, 0.01)).size).toBe(0);
  });

  it("lets the cap go once the estimate has carried the higher layer's base frame rate with a margin for the hold time, and not within 10 s", () => {
    // The cap goes at 160 k × 1.2 = 192 kbit/s (mediasoup starts the higher layer at its base rate,
    // counting what the lower one no longer needs).
    expect(
      run([
        { at: 0, bps: 150_000 },
        { at: 1000, bps: 180_000 }, // the base rate fits, not with its margin
        { at: 2000, bps: 200_000 },
        { at: 2000 + holdMs - 1, bps: 200_000 },
        { at: minCapMs - 1, bps: 200_000 }, // held long enough, but the cap is younger than 10 s
        { at: minCapMs, bps: 200_000 }, // the cap goes: mediasoup brings the frame rate up
        { at: minCapMs + 1000, bps: 350_000 }, // recovering: below the full layer is no reason to cap
        { at: minCapMs + 2000, bps: 400_000 }, // the full layer fits: normal again
        { at: minCapMs + 3000, bps: 350_000 }, // and the early rule applies again
      ]),
    ).toEqual([0, 0, 0, 0, 0, "rec", "rec", null, 0]);
  });

  it("while recovering, loss or an estimate below the base frame rate caps again at once", () => {
    const recovering = new Map<string, Cap>([["c1", { ceiling: null, since: 0, fitsSince: null }]]);
    expect(stepDownCaps(recovering, tick(350_000, [viewer()]))).toEqual(recovering);
    expect(stepDownCaps(recovering, tick(350_000, [viewer()], 0, 0.05)).get("c1")?.ceiling).toBe(0);
    expect(stepDownCaps(recovering, tick(150_000, [viewer()])).get("c1")?.ceiling).toBe(0);
  });

  it("does not flap: a dip or any loss during the hold starts it again", () => {
    const roomy = 600_000;
    expect(
      run([
        { at: 0, bps: 200_000 },
        { at: 1000, bps: roomy },
        { at: 2000, bps: 150_000 }, // a dip below the base rate
        { at: 3000, bps: roomy },
        { at: 3000 + holdMs - 1, bps: roomy },
        { at: 3000 + holdMs - 500, bps: roomy, loss: 0.01 }, // some loss in the feedback
        { at: 3000 + holdMs, bps: roomy },
        { at: 3000 + 2 * holdMs - 1, bps: roomy },
        { at: 3000 + 2 * holdMs, bps: roomy }, // held long enough again…
        { at: minCapMs, bps: roomy }, // …and the cap is 10 s old
      ]),
    ).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, "rec"]);
  });

  it("never raises a layer above what the viewer asked for, and a lower want needs no cap", () => {
    expect(stepDownCaps(new Map(), tick(100_000, [viewer({ want: 0 })])).size).toBe(0);
    const capped = new Map<string, Cap>([["c1", { ceiling: 0, since: 0, fitsSince: null }]]);
    // The viewer shrinks the tile while capped: nothing left to cap.
    expect(stepDownCaps(capped, tick(200_000, [viewer({ want: 0 })])).size).toBe(0);
  });

  it("a viewer who asks for more while uncapped gets it at once when the link carries it", () => {
    const before = stepDownCaps(new Map(), tick(1_000_000, [viewer({ want: 0 })]));
    expect(stepDownCaps(before, tick(1_000_000, [viewer({ want: 1 })])).size).toBe(0);
  });

  it("does not act on a layer whose bitrate is not known", () => {
    expect(stepDownCaps(new Map(), tick(150_000, [viewer({ layers: [LAYERS[0], undefined] })])).size).toBe(0);
  });

  it("serves the highest want first (a pinned tile before a thumbnail) and reserves everyone's lowest layer", () => {
    const three = [
      { full: 150_000, base: 60_000 },
      { full: 300_000, base: 120_000 },
      { full: 900_000, base: 360_000 },
    ];
    const pinned = viewer({ id: "pinned", want: 2, layers: three });
    const medium = viewer({ id: "medium", want: 1, layers: three });
    // 1.2 Mbit/s: both lowest layers (300 k) reserved; the pinned tile's top layer (+750 k) fits,
    // the medium tile's (+150 k) then does too.
    expect(stepDownCaps(new Map(), tick(1_200_000, [medium, pinned])).size).toBe(0);
    // 1.1 Mbit/s: the pinned tile keeps its top layer, the medium tile is capped at the lowest.
    const caps = stepDownCaps(new Map(), tick(1_100_000, [medium, pinned]));
    expect(caps.get("pinned")).toBeUndefined();
    expect(caps.get("medium")?.ceiling).toBe(0);
    // 700 kbit/s: the pinned tile drops to its middle layer (+150 k), the medium tile keeps it too.
    const tight = stepDownCaps(new Map(), tick(700_000, [medium, pinned]));
    expect(tight.get("pinned")?.ceiling).toBe(1);
    expect(tight.get("medium")).toBeUndefined();
  });
});
