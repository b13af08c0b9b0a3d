import type { types } from "mediasoup";
import type { Logger } from "../observability/logger.ts";
import type { Peer, PeerProducer } from "./peer.ts";
import { PEER_LIMITS } from "./peer-limits.ts";
import { consumes } from "./keyframe-window.ts";

/**
 * Creates `consumer`'s consumer of one producer, paused: the client resumes it once its side is
 * ready, so no keyframe is lost to a consumer nobody renders yet. Never rejects: a consumer that
 * cannot be made any more is simply not offered.
 */
export async function consume(
  router: types.Router,
  consumer: Peer,
  producerPeer: Peer,
  entry: PeerProducer,
  logger: Logger,
): Promise<void> {
  const transport = consumer.recvTransport;
  if (!transport || !consumer.rtpCapabilities || !consumer.grants.subscribe) return;
  const { producer, source } = entry;
  // Never twice the same producer to one peer: a producer piped from another node (issue 11) is
  // offered when it arrives, which can cross the offers a new receiving transport gets.
  // Keyed by the receiving transport: a reconnect's new transport is offered everything again.
  const offering = offeringOf(consumer);
  const key = `${transport.id}:${producer.id}`;
  if (offering.has(key) || [...consumer.consumers.values()].some((c) => c.producerId === producer.id)) return;
  offering.add(key);
  try {
    await consumeOnce(router, consumer, producerPeer, entry, logger);
  } finally {
    offering.delete(key);
  }
}

const offerings = new WeakMap<Peer, Set<string>>();
function offeringOf(peer: Peer): Set<string> {
  let set = offerings.get(peer);
  if (!set) offerings.set(peer, (set = new Set()));
  return set;
}

async function consumeOnce(router: types.Router, consumer: Peer, producerPeer: Peer, entry: PeerProducer, logger: Logger): Promise<void> {
  const transport = consumer.recvTransport!;
  const rtpCapabilities = consumer.rtpCapabilities!;
  const { producer, source } = entry;
  if (consumer.consumers.size >= PEER_LIMITS.consumers) {
    logger.warn({ peer: consumer.id, producer: producer.id }, "peer has as many consumers as allowed; not offering more");
    return;
  }
  if (!router.canConsume({ producerId: producer.id, rtpCapabilities })) {
    logger.warn({ peer: consumer.id, producer: producer.id }, "peer cannot consume this producer's codec");
    return;
  }
  let created: types.Consumer;
  try {
    created = await transport.consume({
      producerId: producer.id,
      rtpCapabilities,
      paused: true,
      // Grid tiles start on the lowest layer; a large tile asks for more (setConsumerLayers).
      preferredLayers: { spatialLayer: 0 },
      // wantLayer: what a link carrying one layer toward this node must bring (network/layer-wants.ts).
      appData: { peerId: producerPeer.id, source, wantLayer: 0 },
    });
  } catch (error) {
    // The producer or the receiving transport closed on the way here: someone left (or rejoined)
    // just as someone else produced. Nothing to offer; callers fire and forget, so never reject.
    logger.info({ peer: consumer.id, producer: producer.id, err: String(error) }, "producer or transport gone before it could be consumed");
    return;
  }
  consumer.consumers.set(created.id, created);
  consumes(created, producer);
  const forget = () => {
    if (!consumer.consumers.delete(created.id)) return;
    consumer.channel.notify("consumerClosed", { consumerId: created.id });
  };
  created.on("transportclose", () => consumer.consumers.delete(created.id));
  created.on("producerclose", forget);
  created.on("producerpause", () => consumer.channel.notify("consumerPaused", { consumerId: created.id }));
  created.on("producerresume", () => consumer.channel.notify("consumerResumed", { consumerId: created.id }));
  created.on("layerschange", (layers) =>
    consumer.channel.notify("consumerLayersChanged", {
      consumerId: created.id,
      spatialLayer: layers?.spatialLayer ?? null,
      temporalLayer: layers?.temporalLayer ?? null,
    }),
  );
  try {
    await consumer.channel.offerConsumer({
      consumerId: created.id,
      producerId: producer.id,
      peerId: producerPeer.id,
      kind: created.kind,
      source,
      rtpParameters: created.rtpParameters as unknown as Record<string, unknown>,
      producerPaused: created.producerPaused,
    });
  } catch (error) {
    logger.warn({ peer: consumer.id, consumer: created.id, err: String(error) }, "client did not take the consumer; closing it");
    consumer.consumers.delete(created.id);
    created.close();
  }
}
