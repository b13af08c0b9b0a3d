import * as mediasoup from "mediasoup";
import type { types } from "mediasoup";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../observability/logger.ts";
import { MEDIA_CODECS } from "./codecs.ts";
import { consume } from "./consuming.ts";
import { Peer } from "./peer.ts";
import type { PeerChannel } from "./peer-channel.ts";

const claims = (sub: string) => ({
  room: "r",
  sub,
  name: sub,
  kind: "meeting" as const,
  role: "guest" as const,
  grants: { publish: true, subscribe: true, observe: false, moderate: false },
  sees: "everyone" as const,
  lobby: false,
  exp: 0,
});

const channel = (): PeerChannel => ({ notify: vi.fn(), offerConsumer: vi.fn(async () => undefined), disconnect: vi.fn() });

describe("consuming a producer", () => {
  let worker: types.Worker;
  let router: types.Router;

  beforeAll(async () => {
    worker = await mediasoup.createWorker({ logLevel: "error", rtcMinPort: 44000, rtcMaxPort: 44099 });
    router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
  });
  afterAll(() => worker?.close());

  it("offers nothing, and does not throw, when the receiving transport closed on the way (someone left mid-join)", async () => {
    const sender = new Peer(claims("sender"), channel());
    const receiver = new Peer(claims("receiver"), channel());
    const sendTransport = await router.createWebRtcTransport({ listenIps: [{ ip: "127.0.0.1" }], appData: { direction: "send" } });
    const recvTransport = await router.createWebRtcTransport({ listenIps: [{ ip: "127.0.0.1" }], appData: { direction: "recv" } });
    receiver.transports.set(recvTransport.id, recvTransport);
    receiver.rtpCapabilities = router.rtpCapabilities;
    const producer = await sendTransport.produce({
      kind: "audio",
      rtpParameters: {
        codecs: [{ mimeType: "audio/opus", payloadType: 111, clockRate: 48000, channels: 2 }],
        encodings: [{ ssrc: 1111 }],
      },
    });
    // Closed, but still listed: the state between a peer leaving and its map being cleared.
    recvTransport.close();

    await expect(consume(router, receiver, sender, { producer, source: "mic", mutedByModerator: false }, createLogger("silent", "test"))).resolves.toBeUndefined();
    expect(receiver.consumers.size).toBe(0);
    expect(receiver.channel.offerConsumer).not.toHaveBeenCalled();
  });
});
