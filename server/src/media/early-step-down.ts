import type { types } from "mediasoup";
import type { Logger } from "../observability/logger.ts";
import { setWantedLayer, wantedLayerOf } from "../network/layer-wants.ts";
import { stepDownCaps, type Cap, type LayerRate, type ViewerConsumer } from "./step-down-policy.ts";

/**
 * Feeds a viewer's receiving transport to the early step-down policy (step-down-policy.ts) and
 * applies its caps as the consumers' preferred spatial layers. What the viewer asked for stays in
 * the consumer's appData (`wantLayer`, `wantTemporal`): a cap only ever lowers it, and the layer
 * asked for comes back when the cap goes. Turned off with MEDIA_EARLY_STEP_DOWN=0.
 */

interface ViewerAppData {
  wantLayer?: number;
  wantTemporal?: number;
  /** The policy's cap on the spatial layer; absent: none. */
  stepDownCeiling?: number;
}

const appDataOf = (consumer: types.Consumer) => consumer.appData as ViewerAppData;

/** The preferred layers a viewer's consumer is given: what was asked, under the policy's cap. */
export function preferredOf(consumer: types.Consumer): types.ConsumerLayers {
  const data = appDataOf(consumer);
  const want = wantedLayerOf(consumer);
  const spatialLayer = Math.min(Number.isFinite(want) ? want : 2, data.stepDownCeiling ?? Number.POSITIVE_INFINITY);
  // A capped layer is sent at its full frame rate: the point is not to trade frames for lines.
  const temporalLayer = data.stepDownCeiling !== undefined && spatialLayer < want ? undefined : data.wantTemporal;
  return temporalLayer === undefined ? { spatialLayer } : { spatialLayer, temporalLayer };
}

/** What a viewer's tile asks for (setConsumerLayers): recorded, then applied under any cap. */
export async function setViewerLayers(consumer: types.Consumer, spatialLayer: number, temporalLayer: number | undefined): Promise<void> {
  setWantedLayer(consumer, spatialLayer);
  appDataOf(consumer).wantTemporal = temporalLayer;
  await consumer.setPreferredLayers(preferredOf(consumer));
}

/** Every producer on a router by id, its own and piped ones (mediasoup 3.12 has no lookup). */
export function trackProducers(router: types.Router): (id: string) => types.Producer | undefined {
  const byId = new Map<string, types.Producer>();
  router.observer.on("newtransport", (transport) =>
    transport.observer.on("newproducer", (producer) => {
      byId.set(producer.id, producer);
      producer.observer.once("close", () => byId.delete(producer.id));
    }),
  );
  return (id) => byId.get(id);
}

// Producer stats are shared by every viewer of a producer, and the estimate ticks about once a second.
const STATS_TTL_MS = 800;
const layerStats = new WeakMap<types.Producer, { at: number; rates: Promise<(LayerRate | undefined)[]> }>();

/** Each simulcast stream of `producer` at its full and its base frame rate (bit/s), by encoding index. */
function layerRatesOf(producer: types.Producer): Promise<(LayerRate | undefined)[]> {
  const cached = layerStats.get(producer);
  const now = performance.now();
  if (cached && now - cached.at < STATS_TTL_MS) return cached.rates;
  const encodings = producer.rtpParameters.encodings ?? [];
  const rates = producer.getStats().then(
    (stats) =>
      encodings.map((encoding) => {
        const stream = stats.find((s) => (encoding.rid !== undefined && s.rid === encoding.rid) || (encoding.ssrc !== undefined && s.ssrc === encoding.ssrc));
        if (!stream || !(stream.bitrate > 0)) return undefined;
        // bitrateByLayer["0.0"]: the stream's temporal layer 0 (mediasoup counts layers cumulatively).
        const base = (stream.bitrateByLayer as Record<string, number> | undefined)?.["0.0"];
        return { full: stream.bitrate, base: typeof base === "number" && base > 0 ? base : stream.bitrate };
      }),
    () => encodings.map(() => undefined),
  );
  layerStats.set(producer, { at: now, rates });
  return rates;
}
/**
 * Lowers a consumer's spatial layer without sending any more of the higher one. Left to itself,
 * mediasoup keeps forwarding the higher layer until the lower one's keyframe arrives (so that
 * the picture does not stop meanwhile); on a full bottleneck that keeps the queue full, and the lower
 * layer's keyframe then waits behind it or is tail-dropped and asked again: a freeze of seconds
 * (docs/PERFORMANCE.md). Pausing and resuming the consumer around the change makes mediasoup
 * forward nothing until that keyframe (a resumed consumer waits for one and asks for it), so the
 * queue drains meanwhile and the keyframe crosses it at once. The three requests are written to
 * the worker together, so no request of the viewer's (its own pause) can fall between them.
 */
function switchDownNow(consumer: types.Consumer): Promise<unknown> {
  return Promise.all([consumer.pause(), consumer.setPreferredLayers(preferredOf(consumer)), consumer.resume()]);
}

/** What a viewer's transport says of its link: mediasoup's estimate and the share lost, from transport-cc feedback. */
export interface LinkReading {
  readonly availableBps: number;
  readonly lossFraction: number;
}

/** Reads the link from the transport's stats; null when it has no estimate (no transport-cc yet). */
async function readLink(transport: types.Transport): Promise<LinkReading | null> {
  const stats = (await transport.getStats())[0] as { availableOutgoingBitrate?: number; rtpPacketLossSent?: number } | undefined;
  if (typeof stats?.availableOutgoingBitrate !== "number") return null;
  const loss = stats.rtpPacketLossSent;
  return { availableBps: stats.availableOutgoingBitrate, lossFraction: typeof loss === "number" && Number.isFinite(loss) ? loss : 0 };
}

// How often the link is read while a viewer's tile wants more than the lowest layer. mediasoup
// re-reads its own estimate for its layer choice at most once a second (its "bwe" event, unless the
// estimate falls by a quarter at once), while the estimate itself follows every transport-cc
// feedback (~10 a second); a 1 s queue capped at 60 % of the stream overflows within about
// 1.5–2.5 s. Measured: acting on the once-a-second event switched no earlier than mediasoup
// alone (docs/PERFORMANCE.md, "Switching down before the queue is full").
const POLL_MS = 250;

/**
 * Watches one downlink, read every POLL_MS: a viewer's receiving transport, or a network link's
 * layers transport (whose consumers' viewers are on the far node).
 */
export function watchDownlink(
  transport: types.Transport,
  producerOf: (id: string) => types.Producer | undefined,
  logger: Logger,
  link: (transport: types.Transport) => Promise<LinkReading | null> = readLink,
): void {
  const consumers = new Set<types.Consumer>();
  let caps = new Map<string, Cap>();
  let running = false;

  const evaluate = async () => {
    if (running || transport.closed) return;
    running = true;
    try {
      const live = [...consumers].filter((c) => !c.closed && !c.paused && !c.producerPaused && producerOf(c.producerId));
      // Only tiles that want more than the lowest layer have anything to step down from: a
      // grid-only viewer costs no request to the worker.
      if (caps.size === 0 && !live.some((c) => wantedLayerOf(c) > 0)) return;
      const views: ViewerConsumer[] = [];
      const byId = new Map<string, types.Consumer>();
      for (const consumer of live) {
        const want = wantedLayerOf(consumer);
        views.push({ id: consumer.id, want: Number.isFinite(want) ? want : 2, layers: await layerRatesOf(producerOf(consumer.producerId)!) });
        byId.set(consumer.id, consumer);
      }
      const reading = await link(transport);
      if (!reading) return;
      const next = stepDownCaps(caps, { now: performance.now(), ...reading, consumers: views });
      caps = next;
      for (const [id, consumer] of byId) {
        const ceiling = next.get(id)?.ceiling ?? undefined;
        const data = appDataOf(consumer);
        if (data.stepDownCeiling === ceiling) continue;
        data.stepDownCeiling = ceiling;
        if (consumer.closed) continue;
        logger.debug({ consumer: id, ceiling: ceiling ?? null, ...reading }, "early step-down: spatial cap changed");
        const forwarded = consumer.currentLayers?.spatialLayer ?? -1;
        // Never around a viewer's own pause (an off-screen tile): resuming it would undo that.
        if (ceiling !== undefined && forwarded > ceiling && !consumer.paused) await switchDownNow(consumer);
        else await consumer.setPreferredLayers(preferredOf(consumer));
      }
    } catch {
      // A consumer or the transport closed on the way: the next reading sees what is left.
    } finally {
      running = false;
    }
  };

  const timer = setInterval(() => void evaluate(), POLL_MS);
  timer.unref();
  transport.observer.once("close", () => clearInterval(timer));
  transport.observer.on("newconsumer", (consumer) => {
    if (consumer.kind !== "video" || consumer.type !== "simulcast") return;
    consumers.add(consumer);
    consumer.observer.once("close", () => {
      consumers.delete(consumer);
      caps.delete(consumer.id);
    });
  });
}
