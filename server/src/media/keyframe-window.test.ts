import dgram from "node:dgram";
import * as mediasoup from "mediasoup";
import type { types } from "mediasoup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyFrameRequests, STREAM, Vp8Stream } from "../../../bench/sfu/vp8-stream.ts";
import { MEDIA_CODECS } from "./codecs.ts";
import { consumes, pauseConsumer, resumeConsumer, SENDER_KEYFRAME_WINDOW_MS, watchKeyFrames } from "./keyframe-window.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A VP8 camera that treats key-frame requests as Chrome does: one honoured per 300 ms, the rest
 * dropped without an answer (WebRTC's kMinKeyframeSendIntervalMs).
 */
async function chromeLikeCamera(router: types.Router) {
  const transport = await router.createPlainTransport({ listenIp: { ip: "127.0.0.1" }, rtcpMux: true, comedia: true });
  const ssrc = 0x1000_0000 + Math.floor(Math.random() * 0x0fff_0000);
  const producer = await transport.produce({
    kind: "video",
    rtpParameters: {
      codecs: [{ mimeType: "video/VP8", payloadType: STREAM.payloadType, clockRate: STREAM.clockRate, rtcpFeedback: [{ type: "nack", parameter: "pli" }] }],
      encodings: [{ ssrc }],
    },
  });
  watchKeyFrames(producer);
  const stream = new Vp8Stream(ssrc);
  const requests = { honoured: 0, dropped: 0 };
  let honouredAt = -Infinity;
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  socket.on("message", (rtcp) => {
    for (const asked of keyFrameRequests(rtcp)) {
      if (asked !== ssrc) continue;
      if (performance.now() - honouredAt < SENDER_KEYFRAME_WINDOW_MS) {
        requests.dropped++;
        continue;
      }
      honouredAt = performance.now();
      requests.honoured++;
      stream.requestKeyFrame();
    }
  });
  const started = performance.now();
  const timer = setInterval(() => {
    for (const packet of stream.nextFrame(performance.now() - started)) socket.send(packet, transport.tuple.localPort, "127.0.0.1");
  }, 1000 / STREAM.fps);
  return { producer, requests, stop: () => (clearInterval(timer), socket.close()) };
}

/** A viewer's paused consumer on a plain transport, and when it first forwards a key frame. */
async function viewer(router: types.Router, producer: types.Producer) {
  const transport = await router.createPlainTransport({ listenIp: { ip: "127.0.0.1" }, rtcpMux: true, comedia: false });
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  await transport.connect({ ip: "127.0.0.1", port: socket.address().port });
  const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, paused: true });
  consumes(consumer, producer);
  await consumer.enableTraceEvent(["keyframe"]);
  const firstKeyFrame = new Promise<number>((resolve) => consumer.on("trace", (trace) => trace.type === "keyframe" && resolve(performance.now())));
  return { consumer, firstKeyFrame, close: () => (transport.close(), socket.close()) };
}

/** The moment the producer next receives a key frame. */
function nextKeyFrame(producer: types.Producer): Promise<void> {
  return new Promise((resolve) => {
    const listener = (trace: types.ProducerTraceEventData) => {
      if (trace.type !== "keyframe") return;
      producer.off("trace", listener);
      resolve();
    };
    producer.on("trace", listener);
  });
}

describe("a consumer resumed just after its sender answered another request (Chrome's 300 ms window)", () => {
  let worker: types.Worker;
  let router: types.Router;

  beforeAll(async () => {
    worker = await mediasoup.createWorker({ logLevel: "error", rtcMinPort: 44100, rtcMaxPort: 44199 });
    router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
  });
  afterAll(() => worker?.close());

  it("waits out the window instead of asking into it, and sees its first key frame well before mediasoup's one-second retry", async () => {
    const camera = await chromeLikeCamera(router);
    try {
      await sleep(500);
      // Resuming at once (as before): the second viewer asks inside the window and is dropped.
      const a = await viewer(router, camera.producer);
      const b = await viewer(router, camera.producer);
      let keyFrame = nextKeyFrame(camera.producer);
      await a.consumer.resume();
      await keyFrame;
      const droppedBefore = camera.requests.dropped;
      const bResumedAt = performance.now();
      await b.consumer.resume();
      const bWaited = (await b.firstKeyFrame) - bResumedAt;
      expect(camera.requests.dropped, "the sender dropped the immediate resume's request").toBeGreaterThan(droppedBefore);

      // Through resumeConsumer: the second viewer's request waits until the sender will answer it.
      await sleep(1500);
      const c = await viewer(router, camera.producer);
      const d = await viewer(router, camera.producer);
      keyFrame = nextKeyFrame(camera.producer);
      await resumeConsumer(c.consumer);
      await keyFrame;
      const droppedAfter = camera.requests.dropped;
      const dResumedAt = performance.now();
      await resumeConsumer(d.consumer);
      expect(d.consumer.paused, "the resume waits for the window").toBe(true);
      const dWaited = (await d.firstKeyFrame) - dResumedAt;
      expect(camera.requests.dropped, "no request went into the window").toBe(droppedAfter);
      console.log(`first key frame after the resume: at once ${Math.round(bWaited)} ms, through the window ${Math.round(dWaited)} ms`);
      expect(dWaited).toBeLessThan(bWaited);
      for (const v of [a, b, c, d]) v.close();
    } finally {
      camera.stop();
    }
  }, 30_000);

  it("resumes at once when no answer to a request came in the last 300 ms, and lets a pause cancel a resume that is waiting", async () => {
    const camera = await chromeLikeCamera(router);
    try {
      await sleep(500);
      const a = await viewer(router, camera.producer);
      const b = await viewer(router, camera.producer);
      const keyFrame = nextKeyFrame(camera.producer);
      await resumeConsumer(a.consumer);
      expect(a.consumer.paused, "no key frame for 300 ms before: at once").toBe(false);
      await keyFrame;
      await resumeConsumer(b.consumer);
      expect(b.consumer.paused).toBe(true);
      await pauseConsumer(b.consumer);
      await sleep(SENDER_KEYFRAME_WINDOW_MS + 100);
      expect(b.consumer.paused, "the pause won").toBe(true);
      // The stream's own first key frame answered nobody: a consumer of a new stream resumes at once.
      const fresh = await chromeLikeCamera(router);
      try {
        const first = nextKeyFrame(fresh.producer);
        const c = await viewer(router, fresh.producer);
        await first;
        await resumeConsumer(c.consumer);
        expect(c.consumer.paused).toBe(false);
        await c.firstKeyFrame;
        expect(fresh.requests).toEqual({ honoured: 1, dropped: 0 });
        c.close();
      } finally {
        fresh.stop();
      }
      for (const v of [a, b]) v.close();
    } finally {
      camera.stop();
    }
  }, 30_000);
});
