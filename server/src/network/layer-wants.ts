import type { types } from "mediasoup";

/**
 * Which simulcast layer each consumer on a router needs (issue 11, layer-only links). A link that
 * carries one layer of a stream carries the highest layer anyone beyond it needs; that is read
 * from the consumers here, each of which says what it wants in its `appData.wantLayer`:
 * - a viewer's consumer: the layer its tile asked for (`setConsumerLayers`; 0 when made);
 * - a link's outgoing consumer: what the far side asked for (everyone there and beyond);
 * - anything else (a recorder, a test's counter): the top layer, as nothing says less.
 * A paused consumer (a tile off screen) wants nothing.
 */
export const TOP_LAYER = Number.POSITIVE_INFINITY;

export function wantedLayerOf(consumer: types.Consumer): number {
  const want = (consumer.appData as { wantLayer?: unknown }).wantLayer;
  return typeof want === "number" ? want : TOP_LAYER;
}

export function setWantedLayer(consumer: types.Consumer, layer: number): void {
  (consumer.appData as { wantLayer?: number }).wantLayer = layer;
}

/** Every live consumer on a router, by producer (the router's observer; mediasoup 3.12 has no list). */
export class RouterConsumers {
  private readonly byProducer = new Map<string, Set<types.Consumer>>();

  constructor(router: types.Router) {
    router.observer.on("newtransport", (transport) =>
      transport.observer.on("newconsumer", (consumer) => {
        let set = this.byProducer.get(consumer.producerId);
        if (!set) this.byProducer.set(consumer.producerId, (set = new Set()));
        set.add(consumer);
        consumer.observer.once("close", () => {
          set.delete(consumer);
          if (set.size === 0 && this.byProducer.get(consumer.producerId) === set) this.byProducer.delete(consumer.producerId);
        });
      }),
    );
  }

  /** The highest layer any running consumer of the producer wants; 0 when none runs (the link keeps the lowest). */
  wantedLayer(producerId: string): number {
    let max = 0;
    for (const consumer of this.byProducer.get(producerId) ?? []) {
      if (consumer.closed || consumer.paused) continue;
      max = Math.max(max, wantedLayerOf(consumer));
    }
    return max;
  }
}

/** The spatial layer a link's consumer of `producer` carries for a want (clamped to the encodings it has). */
export function spatialLayerFor(producer: types.Producer, want: number): number {
  const top = Math.max(0, (producer.rtpParameters.encodings?.length ?? 1) - 1);
  return Math.min(top, Math.max(0, want));
}

/** Whether a stream can cross a link as one layer: video with several (simulcast) encodings. */
export function isLayered(producer: types.Producer): boolean {
  return producer.kind === "video" && (producer.rtpParameters.encodings?.length ?? 1) > 1;
}
