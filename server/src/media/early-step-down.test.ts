import dgram from "node:dgram";
import * as mediasoup from "mediasoup";
import type { types } from "mediasoup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { layerClip, STREAM, Vp8Stream } from "../../../bench/sfu/vp8-stream.ts";
import { createLogger } from "../observability/logger.ts";
import { MEDIA_CODECS } from "./codecs.ts";
import { setViewerLayers, trackProducers, watchDownlink, type LinkReading } from "./early-step-down.ts";
import { STEP_DOWN_DEFAULTS } from "./step-down-policy.ts";
import { sleep, until } from "../../test/support/node-tree.ts";

// The node wiring of the early step-down, on a real worker: a two-layer simulcast producer fed
// with synthetic VP8 (150 and 500 kbit/s), a viewer's consumer on a watched WebRTC transport. No
// browser is connected, so the transport has no transport-cc estimate: the test gives the link
// reading (estimate and loss) that the node otherwise reads from the transport's stats; the
// layers' bitrates, the preferred layers and the consumer are the worker's.
const LAYERS = [
  { kbps: 150, width: 320, height: 240 },
  { kbps: 500, width: 640, height: 480 },
] as const;

describe("early step-down on a real worker", () => {
  let worker: types.Worker;
  let router: types.Router;
  let socket: dgram.Socket;
  let timer: NodeJS.Timeout;
  let transport: types.WebRtcTransport;
  let consumer: types.Consumer;

  let reading: LinkReading | null = null;
  let readings = 0;
  let capAt = 0;
  const estimate = (availableBps: number) => void (reading = { availableBps, lossFraction: 0 });
  const preferredSpatial = () => consumer.preferredLayers?.spatialLayer;

  beforeAll(async () => {
    worker = await mediasoup.createWorker({ logLevel: "error", rtcMinPort: 44100, rtcMaxPort: 44199 });
    router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    const producerOf = trackProducers(router);
    const input = await router.createPlainTransport({ listenIp: { ip: "127.0.0.1" }, rtcpMux: true, comedia: true });
    const ssrcs = LAYERS.map((_, i) => 0x4000_0000 + i);
    const producer = await input.produce({
      kind: "video",
      rtpParameters: {
        codecs: [{ mimeType: "video/VP8", payloadType: STREAM.payloadType, clockRate: STREAM.clockRate, rtcpFeedback: [{ type: "nack", parameter: "pli" }] }],
        encodings: ssrcs.map((ssrc) => ({ ssrc })),
      },
    });
    const streams = LAYERS.map((layer, i) => new Vp8Stream(ssrcs[i]!, layerClip(layer)));
    socket = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
    const started = Date.now();
    timer = setInterval(() => {
      for (const stream of streams) for (const packet of stream.nextFrame(Date.now() - started)) socket.send(packet, input.tuple.localPort, "127.0.0.1");
    }, 1000 / STREAM.fps);

    transport = await router.createWebRtcTransport({ listenIps: [{ ip: "127.0.0.1" }], appData: { direction: "recv" } });
    watchDownlink(transport, producerOf, createLogger("silent", "test"), async () => {
      readings++;
      return reading;
    });
    consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, preferredLayers: { spatialLayer: 0 }, appData: { wantLayer: 0 } });
    // The producer's layers are measured over a sliding second: wait until the top one is near its rate.
    await until("both layers measured", async () => (await producer.getStats()).filter((s) => s.bitrate > LAYERS[s.ssrc - ssrcs[0]!]!.kbps * 700).length === 2);
  }, 30_000);

  afterAll(() => {
    clearInterval(timer);
    socket?.close();
    worker?.close();
  });

  it("a tile at the lowest layer costs no reading of the link", async () => {
    estimate(100_000);
    await sleep(600);
    expect(readings).toBe(0);
    expect(preferredSpatial()).toBe(0);
  });

  it("a viewer who asks for the top layer gets it while the estimate carries it", async () => {
    estimate(2_000_000);
    await setViewerLayers(consumer, 1, undefined);
    await sleep(600);
    expect(preferredSpatial()).toBe(1);
  });

  it("caps the spatial layer at once when the estimate no longer carries the top layer, keeping the viewer's want", async () => {
    // capAt: the last time the cap was not seen yet. The cap and its lift each reach the consumer a
    // worker round trip after the reading that decided them, so the 10 s is checked to within one
    // reading of the link (250 ms): measured from when the cap was seen, a CI run got 9992 ms.
    capAt = Date.now();
    estimate(300_000);
    await until("the cap", () => {
      if (preferredSpatial() === 0) return true;
      capAt = Date.now();
      return undefined;
    });
    expect((consumer.appData as { wantLayer?: number }).wantLayer).toBe(1);
    // The tile asks again while capped (a re-render): the cap holds.
    await setViewerLayers(consumer, 1, undefined);
    expect(preferredSpatial()).toBe(0);
  });

  it("gives the wanted layer back once the estimate has carried it for the hold time and the cap is 10 s old, not before", { timeout: 30_000 }, async () => {
    const from = Date.now();
    estimate(2_000_000);
    await sleep(STEP_DOWN_DEFAULTS.holdMs + 500);
    expect(preferredSpatial()).toBe(0);
    await until("the cap lifted", () => preferredSpatial() === 1, STEP_DOWN_DEFAULTS.minCapMs + 2000);
    expect(Date.now() - capAt).toBeGreaterThanOrEqual(STEP_DOWN_DEFAULTS.minCapMs - 250);
    expect(Date.now() - from).toBeGreaterThanOrEqual(STEP_DOWN_DEFAULTS.holdMs);
  });

  it("steps down on loss in the transport-cc feedback with the estimate still high", async () => {
    reading = { availableBps: 2_000_000, lossFraction: STEP_DOWN_DEFAULTS.lossFraction };
    await until("the cap", () => preferredSpatial() === 0);
  });
});
