/**
 * Early spatial step-down (issue 14, seventh part): which spatial layer each viewer's simulcast
 * consumer may be given at most, from its transport's bandwidth estimate and the loss on the way
 * to the viewer. A pure function; `early-step-down.ts` feeds it and applies what it says.
 *
 * Why: when the estimate falls below the wanted layer at full frame rate, mediasoup 3.12 first
 * keeps that layer and walks down its temporal layers (S1T2 → S1T1 → S1T0) while the bottleneck's
 * queue fills and overflows; only then does it switch to the lower spatial layer, whose keyframe
 * then waits behind up to a queue's worth of the larger layer: a 1–4 s freeze. Capping the spatial
 * layer at the first sign switches while the queue is still short. The signs: the estimate no
 * longer carries the wanted layer at full frame rate; or packets lost on the way to the viewer,
 * in its transport-cc feedback (mediasoup's weighted share over the last ~24 feedbacks, about the
 * last second: a full queue's first tail drops show there before the estimate has fallen through
 * the temporal layers). The consumer's score (receiver reports) is not used: it comes seconds
 * late and climbs back slowly after loss, and with it as a condition for lifting a cap the step
 * back up took 24–72 s in the capped-link spec (docs/PERFORMANCE.md).
 *
 * It never lowers a layer on a link that carries the wanted layer: the step-down threshold is the
 * bitrate mediasoup itself needs to forward that layer at full frame rate, and loss is what the
 * viewer's side reports.
 *
 * Back up, in two steps, so that it is no slower than mediasoup alone and does not flap:
 * - capped → recovering: once the estimate has carried the higher layer's base frame rate (its
 *   temporal layer 0, where mediasoup itself would start it) with a margin, with no loss, for
 *   `holdMs`, and the cap has stood for `minCapMs`, the cap goes. The second condition is
 *   mediasoup's own (after a spatial step down for bandwidth it goes back up no sooner than 10 s
 *   later): without it, an estimate running above a still-capped link lifted the cap after 3 s,
 *   the large layer filled the queue again and the second switch froze (docs/PERFORMANCE.md). A capped viewer is sent only the small layer, and a transport-cc
 *   estimate grows little beyond what is sent: waiting for the full higher layer to fit kept the
 *   picture small for 45–70 s after the cap was lifted.
 * - recovering → normal: mediasoup brings the temporal layers up as the estimate grows; only loss,
 *   or an estimate below the higher layer's base frame rate, caps again meanwhile. Once the
 *   estimate carries the full layer, the early rule applies again.
 */

/** One spatial layer (simulcast stream) as the node receives it now, bit/s. */
export interface LayerRate {
  /** At its full frame rate (every temporal layer). */
  readonly full: number;
  /** At its base frame rate (temporal layer 0); `full` for a stream without temporal layers. */
  readonly base: number;
}

export interface ViewerConsumer {
  readonly id: string;
  /** The spatial layer the viewer asked for (its tile size, pin or spotlight). */
  readonly want: number;
  /** Each spatial layer's rates; `undefined` where not known (not sending, no stats yet): nothing is decided on it. */
  readonly layers: readonly (LayerRate | undefined)[];
}

export interface StepDownTick {
  readonly now: number;
  /** The transport's outgoing bandwidth estimate (bit/s), mediasoup's `availableBitrate`. */
  readonly availableBps: number;
  /** Share of packets to the viewer lost in its transport-cc feedback (0–1), mediasoup's `rtpPacketLossSent`. */
  readonly lossFraction: number;
  readonly consumers: readonly ViewerConsumer[];
}

/**
 * A consumer's state when not simply "given what it asked for": capped at `ceiling` since
 * `since` (with `fitsSince`: since when the estimate has carried more), or recovering (`ceiling` null).
 */
export interface Cap {
  readonly ceiling: number | null;
  readonly since: number;
  readonly fitsSince: number | null;
}

export interface StepDownParams {
  /** A cap goes when the estimate carries the higher layer's base frame rate × this… */
  readonly upMargin: number;
  /** …for this long (ms), with no loss… */
  readonly holdMs: number;
  /** …and the cap has stood this long (ms). */
  readonly minCapMs: number;
  /** Transport-cc loss at or above this is loss: step down now. */
  readonly lossFraction: number;
  /** A cap goes only with transport-cc loss below this. */
  readonly cleanLossFraction: number;
}

export const STEP_DOWN_DEFAULTS: StepDownParams = { upMargin: 1.2, holdMs: 3000, minCapMs: 10_000, lossFraction: 0.02, cleanLossFraction: 0.005 };

/**
 * The state after this tick, by consumer id; a consumer without an entry gets what its viewer
 * asked for, under the early rule. Consumers are served in the order of what they want, highest
 * first (a pinned or spotlit tile before a thumbnail), everyone's lowest layer reserved beforehand.
 */
export function stepDownCaps(
  previous: ReadonlyMap<string, Cap>,
  tick: StepDownTick,
  params: StepDownParams = STEP_DOWN_DEFAULTS,
): Map<string, Cap> {
  const caps = new Map<string, Cap>();
  const lowest = (c: ViewerConsumer) => c.layers[0]?.full ?? 0;
  let budget = tick.availableBps - tick.consumers.reduce((sum, c) => sum + lowest(c), 0);
  const order = [...tick.consumers].sort((a, b) => b.want - a.want || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const consumer of order) {
    const top = Math.min(consumer.want, consumer.layers.length - 1);
    if (top <= 0) continue;
    // What layer `layer` costs beyond the lowest one, at its full or its base frame rate (× margin);
    // an unknown layer costs nothing: it is not acted on.
    const full = (layer: number) => Math.max(0, (consumer.layers[layer]?.full ?? lowest(consumer)) - lowest(consumer));
    const base = (layer: number, margin = 1) => Math.max(0, (consumer.layers[layer]?.base ?? 0) * margin - lowest(consumer));
    const highest = (cost: (layer: number) => number) => {
      let layer = top;
      while (layer > 0 && cost(layer) > budget) layer--;
      return layer;
    };
    const lossy = tick.lossFraction >= params.lossFraction;
    const clean = tick.lossFraction < params.cleanLossFraction;
    const held = previous.get(consumer.id);
    let cap: Cap | null;
    if (!held) {
      // Normal: the wanted layer at full frame rate, or a lower spatial layer at once.
      const affordable = lossy ? Math.min(top - 1, highest(full)) : highest(full);
      cap = affordable < top ? { ceiling: affordable, since: tick.now, fitsSince: null } : null;
    } else if (held.ceiling === null) {
      // Recovering: mediasoup brings the frame rate up; capped again only on loss or below the base rate.
      const carried = highest((layer) => base(layer));
      if (lossy || carried < top) cap = { ceiling: lossy ? Math.min(top - 1, carried) : carried, since: tick.now, fitsSince: null };
      else cap = full(top) <= budget ? null : held;
    } else if (held.ceiling >= top) {
      // The viewer now asks for no more than the cap: nothing to hold back.
      cap = null;
    } else {
      // Capped: lower still if even this does not fit; up to recovering after the hold.
      const ceiling = Math.min(held.ceiling, lossy ? top - 1 : top, highest(full));
      const roomy = clean ? highest((layer) => base(layer, params.upMargin)) : ceiling;
      const since = ceiling < held.ceiling ? tick.now : held.since;
      if (ceiling < held.ceiling || roomy <= ceiling) cap = { ceiling, since, fitsSince: null };
      else {
        const fitsSince = held.fitsSince ?? tick.now;
        if (tick.now - fitsSince < params.holdMs || tick.now - since < params.minCapMs) cap = { ceiling, since, fitsSince };
        else cap = roomy >= top ? { ceiling: null, since: tick.now, fitsSince: null } : { ceiling: roomy, since: tick.now, fitsSince: null };
      }
    }
    if (cap) caps.set(consumer.id, cap);
    const given = cap === null ? top : (cap.ceiling ?? top);
    budget -= cap?.ceiling === null ? base(given) : full(given);
  }
  return caps;
}
