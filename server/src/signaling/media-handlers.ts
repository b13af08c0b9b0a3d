import type { types } from "mediasoup";
import { handle } from "./handle.ts";
import type { SignalingSession } from "./session.ts";

export function registerMediaHandlers(session: SignalingSession): void {
  handle(session, "createTransport", async ({ direction }) => {
    const { room, peer } = await session.joinedPeer();
    const transport = await room.createTransport(peer, direction);
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates as unknown as Record<string, unknown>[],
      dtlsParameters: transport.dtlsParameters as unknown as Record<string, unknown>,
    };
  });

  handle(session, "connectTransport", async ({ transportId, dtlsParameters }) => {
    const { peer } = await session.joinedPeer();
    await peer.transport(transportId).connect({ dtlsParameters: dtlsParameters as types.DtlsParameters });
    return {};
  });

  handle(session, "restartIce", async ({ transportId }) => {
    const { peer } = await session.joinedPeer();
    const iceParameters = await peer.transport(transportId).restartIce();
    return { iceParameters };
  });

  handle(session, "produce", async ({ transportId, kind, rtpParameters, source }) => {
    const { room, peer } = await session.joinedPeer();
    const producer = await room.produce(peer, transportId, kind, rtpParameters as types.RtpParameters, source);
    return { producerId: producer.id };
  });

  handle(session, "closeProducer", async ({ producerId }) => {
    const { room, peer } = await session.joinedPeer();
    room.closeProducer(peer, producerId);
    return {};
  });

  handle(session, "setProducerPaused", async ({ producerId, paused }) => {
    const { room, peer } = await session.joinedPeer();
    await room.setProducerPaused(peer, producerId, paused);
    return {};
  });

  handle(session, "resumeConsumer", async ({ consumerId }) => {
    const { peer } = await session.joinedPeer();
    const consumer = peer.consumer(consumerId);
    await consumer.resume();
    // A consumer that starts (or restarts) needs a keyframe to show anything.
    if (consumer.kind === "video") await consumer.requestKeyFrame().catch(() => {});
    return {};
  });

  handle(session, "setConsumerPaused", async ({ consumerId, paused }) => {
    const { peer } = await session.joinedPeer();
    const consumer = peer.consumer(consumerId);
    if (paused) await consumer.pause();
    else {
      await consumer.resume();
      if (consumer.kind === "video") await consumer.requestKeyFrame().catch(() => {});
    }
    return {};
  });

  handle(session, "setConsumerLayers", async ({ consumerId, spatialLayer, temporalLayer }) => {
    const { peer } = await session.joinedPeer();
    await peer.consumer(consumerId).setPreferredLayers({ spatialLayer, temporalLayer });
    return {};
  });
}
