import type { types } from "mediasoup";
import { invalidState } from "../errors.ts";
import { setViewerLayers } from "../media/early-step-down.ts";
import { pauseConsumer, resumeConsumer } from "../media/keyframe-window.ts";
import { handle } from "./handle.ts";
import type { SignalingSession } from "./session.ts";

/** The token's room (the same admission as `join`), one transport per direction per socket. */
async function prepareTransport(session: SignalingSession, direction: "send" | "recv"): Promise<types.WebRtcTransport> {
  const room = await session.room();
  const transport = await room.createPreparedTransport(session.claims, direction);
  // The socket dropped while the worker was making it: nobody will ever take it.
  if (session.socket.disconnected) {
    transport.close();
    throw invalidState("The connection closed while the transport was being made");
  }
  session.prepared.keep(direction, transport);
  return transport;
}

/**
 * Issue 14: a prepared transport may be connected before `join` (ICE + DTLS done on the join
 * screen or while a person waits). Only this socket's own, and only while a join would be let in:
 * it still carries nothing (no producer or consumer exists on it until the join adopts it).
 */
async function preparedToConnect(session: SignalingSession, transportId: string): Promise<types.WebRtcTransport> {
  const room = await session.room();
  room.assertMayJoin(session.claims);
  const transport = session.prepared.find(transportId);
  if (!transport) throw invalidState("No such transport on this connection: create it first");
  return transport;
}

export function registerMediaHandlers(session: SignalingSession): void {
  handle(session, "createTransport", async ({ direction }) => {
    const joined = session.joinedPeerOrNone();
    // Before `join` (issue 14): the connection's own, kept by the session until the join adopts it.
    const transport = joined ? await joined.room.createTransport(joined.peer, direction) : await prepareTransport(session, direction);
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates as unknown as Record<string, unknown>[],
      dtlsParameters: transport.dtlsParameters as unknown as Record<string, unknown>,
      ...(transport.sctpParameters ? { sctpParameters: { ...transport.sctpParameters } } : {}),
      ...(joined ? {} : { expiresInMs: session.deps.limits.preparedTransportTtlMs }),
    };
  });

  handle(session, "connectTransport", async ({ transportId, dtlsParameters }) => {
    const joined = session.joinedPeerOrNone();
    const transport = joined ? joined.peer.transport(transportId) : await preparedToConnect(session, transportId);
    await transport.connect({ dtlsParameters: dtlsParameters as types.DtlsParameters });
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
    await resumeConsumer(peer.consumer(consumerId));
    return {};
  });

  handle(session, "setConsumerPaused", async ({ consumerId, paused }) => {
    const { peer } = await session.joinedPeer();
    const consumer = peer.consumer(consumerId);
    await (paused ? pauseConsumer(consumer) : resumeConsumer(consumer));
    return {};
  });

  handle(session, "setConsumerLayers", async ({ consumerId, spatialLayer, temporalLayer }) => {
    const { peer } = await session.joinedPeer();
    const consumer = peer.consumer(consumerId);
    // Recorded whatever the consumer can do (a stream that came over a one-layer link is simple
    // here): the link toward its source carries the highest layer the viewers here want. A
    // constrained downlink may hold it lower for now (media/early-step-down.ts).
    await setViewerLayers(consumer, spatialLayer, temporalLayer);
    return {};
  });
}
