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
} from "./media-params.ts";
import { ownCpuMs, serveRpc } from "./rpc.ts";
import { range, type BuiltStep, type Topology } from "./setup.ts";

let worker: types.Worker | undefined;
let router: types.Router | undefined;

const handlers = {
  async start({ rtcMinPort, rtcMaxPort, nice }: { rtcMinPort: number; rtcMaxPort: number; nice: number }) {
    // The same worker settings as the media node's WorkerPool.
    worker = await mediasoup.createWorker({ logLevel: "warn", rtcMinPort, rtcMaxPort });
    if (nice !== 0) os.setPriority(worker.pid, nice);
  },
  async build({ publishers, subscribers, srtp, layers, bwe, receiverPorts }: Topology): Promise<BuiltStep> {
    const r = (router = await worker!.createRouter({ mediaCodecs: MEDIA_CODECS }));
    const caps = consumerRtpCapabilities(r.rtpCapabilities, bwe);
    const legs = await Promise.all(
      range(subscribers).map(async (i) => {
        const transport = await r.createPlainTransport(subscriberTransportOptions(srtp));
        await transport.connect(subscriberConnectParams(srtp, receiverPorts[i % receiverPorts.length]!));
        return transport;
      }),
    );
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
    return { publisherTargets, consumerSsrcs };
  },
  async cpu() {
    const usage = await worker!.getResourceUsage();
    return { workerMs: usage.ru_utime + usage.ru_stime, workerSysMs: usage.ru_stime, nodeMs: ownCpuMs() };
  },
  async teardown() {
    router?.close();
    router = undefined;
    return { routersLeft: ((await worker!.dump()) as { routerIds: string[] }).routerIds.length };
  },
  async close() {
    worker?.close();
  },
};

export type BareNodeHandlers = typeof handlers;

serveRpc(handlers);
