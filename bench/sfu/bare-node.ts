// Child process for setup A, "bare mediasoup": one worker, one router, plain transports,
// producers and consumers made straight through the mediasoup API — no code of ours between the
// bench and mediasoup, except the codec list (data), shared so both routers assign the same
// payload types. A process of its own, like the platform's node, so both Node.js sides are
// measured alike.
import "./worker-bin.ts";
import os from "node:os";
import * as mediasoup from "mediasoup";
import type { types } from "mediasoup";
import { MEDIA_CODECS } from "../../server/src/media/codecs.ts";
import {
  consumerRtpCapabilities,
  producerRtpParameters,
  publisherTransportOptions,
  randomSsrc,
  subscriberConnectParams,
  subscriberTransportOptions,
  twccExtensionId,
} from "./media-params.ts";
import { ownCpuMs, serveRpc } from "./rpc.ts";
import { range, type BuiltStep, type FeedbackLeg, type Topology } from "./setup.ts";

let worker: types.Worker | undefined;
let router: types.Router | undefined;
let subscriberLegs: types.PlainTransport[] = [];

const handlers = {
  async start({ rtcMinPort, rtcMaxPort, nice }: { rtcMinPort: number; rtcMaxPort: number; nice: number }) {
    // The same worker settings as the media node's WorkerPool.
    worker = await mediasoup.createWorker({ logLevel: "warn", rtcMinPort, rtcMaxPort });
    if (nice !== 0) os.setPriority(worker.pid, nice);
  },
  async build({ publishers, subscribers, srtp, layers, bwe, receiverPorts }: Topology): Promise<BuiltStep> {
    const r = (router = await worker!.createRouter({ mediaCodecs: MEDIA_CODECS }));
    const caps = consumerRtpCapabilities(r.rtpCapabilities, bwe);
    const twcc = twccExtensionId(caps);
    const feedbackLegs: FeedbackLeg[] = [];
    const legs = await Promise.all(
      range(subscribers).map(async (i) => {
        const transport = await r.createPlainTransport(subscriberTransportOptions(srtp));
        const connect = subscriberConnectParams(srtp, receiverPorts[i % receiverPorts.length]!);
        await transport.connect(connect);
        if (twcc !== undefined) feedbackLegs.push({ workerPort: transport.tuple.localPort, twccExtensionId: twcc, ...(connect.srtpParameters ? { srtp: connect.srtpParameters } : {}) });
        return transport;
      }),
    );
    subscriberLegs = legs;
    const publisherTargets: BuiltStep["publisherTargets"] = [];
    const consumerSsrcs: number[] = [];
    for (let p = 0; p < publishers; p++) {
      const transport = await r.createPlainTransport(publisherTransportOptions());
      const ssrcs = range(layers).map(() => randomSsrc());
      const producer = await transport.produce({ kind: "video", rtpParameters: producerRtpParameters(ssrcs) });
      for (const ssrc of ssrcs) publisherTargets.push({ ssrc, port: transport.tuple.localPort });
      // The lowest layer, as the platform's consume() starts every grid tile (no-op for one encoding).
      const consumers = await Promise.all(
        legs.map((leg) => leg.consume({ producerId: producer.id, rtpCapabilities: caps, preferredLayers: { spatialLayer: 0 } })),
      );
      for (const consumer of consumers) consumerSsrcs.push(consumer.rtpParameters.encodings![0]!.ssrc!);
    }
    return { publisherTargets, consumerSsrcs, feedbackLegs };
  },
  /**
   * Whether the worker hears the receivers' transport-cc feedback: its send-side estimate per
   * subscriber leg (it stays at its initial 600 kbit/s without feedback) and the RTCP bytes in.
   */
  async estimates() {
    const stats = await Promise.all(subscriberLegs.map(async (leg) => (await leg.getStats())[0]!));
    const kbps = stats.map((s) => Math.round((s.availableOutgoingBitrate ?? 0) / 1000)).sort((a, b) => a - b);
    return { medianKbps: kbps[Math.floor(kbps.length / 2)] ?? 0, minKbps: kbps[0] ?? 0, rtcpBytesIn: stats.reduce((n, s) => n + s.bytesReceived, 0) };
  },
  async cpu() {
    const usage = await worker!.getResourceUsage();
    return { workerMs: usage.ru_utime + usage.ru_stime, workerSysMs: usage.ru_stime, nodeMs: ownCpuMs() };
  },
  async teardown() {
    router?.close();
    router = undefined;
    subscriberLegs = [];
    return { routersLeft: ((await worker!.dump()) as { routerIds: string[] }).routerIds.length };
  },
  async close() {
    worker?.close();
  },
};

export type BareNodeHandlers = typeof handlers;

serveRpc(handlers);
