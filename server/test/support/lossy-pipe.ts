// Two routers (on two workers) joined by a PipeTransport pair through a UDP relay in this process that drops a
// share of the RTP going one way (the kernel here has no netem). A synthetic VP8 camera (plain
// RTP) produces on router A; the stream is piped to router B the way pipeToRouter does it (the
// far side produces with the same id) and consumed there by a plain receiver that counts which
// packets arrive. With RTX on the pipe, router B's pipe producer NACKs what the relay dropped
// and router A's pipe consumer resends it: mediasoup issue 906, fixed in 3.19.13 (PR 1653).
import dgram from "node:dgram";
import type { AddressInfo } from "node:net";
import type * as Mediasoup from "mediasoup";
import type { types } from "mediasoup";
import { keyFrameRequests, STREAM, Vp8Stream } from "../../../bench/sfu/vp8-stream.ts";

export interface LossyPipeOptions {
  /** Share of router A → B RTP packets the relay drops (0–1). */
  loss: number;
  seconds: number;
  /** enableRtx on both PipeTransports. */
  rtx: boolean;
  rtcMinPort: number;
  rtcMaxPort: number;
}

export interface LossyPipeResult {
  mediasoupVersion: string;
  /** RTP packets router A sent into the pipe (first sends and retransmissions), and how many the relay dropped. */
  pipeRtpPackets: number;
  dropped: number;
  /** RTX packets router A sent into the pipe. */
  rtxPackets: number;
  /** RTCP NACK packets router B sent back through the pipe. */
  nackPackets: number;
  /** Distinct packets the far receiver got ÷ the packets of the span it saw. */
  deliveredPct: number;
  received: number;
  expected: number;
}

const LOCALHOST = "127.0.0.1";
const isRtcp = (packet: Buffer) => packet.length >= 2 && packet[1]! >= 192 && packet[1]! <= 223;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function bind(socket: dgram.Socket): Promise<number> {
  await new Promise<void>((resolve) => socket.bind(0, LOCALHOST, resolve));
  return (socket.address() as AddressInfo).port;
}

export async function runLossyPipe(mediasoup: typeof Mediasoup, options: LossyPipeOptions): Promise<LossyPipeResult> {
  const sockets: dgram.Socket[] = [];
  const socket = () => {
    const s = dgram.createSocket("udp4");
    sockets.push(s);
    return s;
  };
  // Two workers, as two media nodes would be (a worker refuses a second object with the same id).
  const middle = Math.floor((options.rtcMinPort + options.rtcMaxPort) / 2);
  const workers = [
    await mediasoup.createWorker({ logLevel: "warn", rtcMinPort: options.rtcMinPort, rtcMaxPort: middle }),
    await mediasoup.createWorker({ logLevel: "warn", rtcMinPort: middle + 1, rtcMaxPort: options.rtcMaxPort }),
  ];
  const timers: NodeJS.Timeout[] = [];
  try {
    const mediaCodecs = [{ kind: "video" as const, mimeType: "video/VP8", clockRate: STREAM.clockRate }];
    const routerA = await workers[0]!.createRouter({ mediaCodecs });
    const routerB = await workers[1]!.createRouter({ mediaCodecs });

    // Camera → router A (plain RTP, comedia: the transport learns the camera's address).
    const ssrc = 0x1000_0000 + Math.floor(Math.random() * 0x1000_0000);
    const camera = socket();
    await bind(camera);
    const ingest = await routerA.createPlainTransport({ listenIp: LOCALHOST, rtcpMux: true, comedia: true });
    const producer = await ingest.produce({
      kind: "video",
      rtpParameters: {
        codecs: [
          {
            mimeType: "video/VP8",
            payloadType: STREAM.payloadType,
            clockRate: STREAM.clockRate,
            rtcpFeedback: [{ type: "nack" }, { type: "nack", parameter: "pli" }],
          },
        ],
        encodings: [{ ssrc }],
      },
    });

    // Pipe A ⇄ relay ⇄ pipe B.
    const pipeA = await routerA.createPipeTransport({ listenIp: LOCALHOST, enableRtx: options.rtx });
    const pipeB = await routerB.createPipeTransport({ listenIp: LOCALHOST, enableRtx: options.rtx });
    const relayA = socket();
    const relayB = socket();
    await pipeA.connect({ ip: LOCALHOST, port: await bind(relayA) });
    await pipeB.connect({ ip: LOCALHOST, port: await bind(relayB) });
    const pipeConsumer = await pipeA.consume({ producerId: producer.id });
    const rtxPayloadType = pipeConsumer.rtpParameters.codecs.find((c) => /\/rtx$/i.test(c.mimeType))?.payloadType;
    let pipeRtpPackets = 0;
    let dropped = 0;
    let rtxPackets = 0;
    let nackPackets = 0;
    relayA.on("message", (packet) => {
      if (!isRtcp(packet)) {
        pipeRtpPackets++;
        if (rtxPayloadType !== undefined && (packet[1]! & 0x7f) === rtxPayloadType) rtxPackets++;
        if (Math.random() < options.loss) {
          dropped++;
          return;
        }
      }
      relayB.send(packet, pipeB.tuple.localPort, LOCALHOST);
    });
    relayB.on("message", (packet) => {
      // RTCP compound: count those holding a generic NACK (PT 205, FMT 1).
      for (let offset = 0; offset + 4 <= packet.length; ) {
        if (packet[offset + 1] === 205 && (packet[offset]! & 0x1f) === 1) {
          nackPackets++;
          break;
        }
        offset += (packet.readUInt16BE(offset + 2) + 1) * 4;
      }
      relayA.send(packet, pipeA.tuple.localPort, LOCALHOST);
    });
    await pipeB.produce({
      id: producer.id,
      kind: pipeConsumer.kind,
      rtpParameters: pipeConsumer.rtpParameters,
      paused: pipeConsumer.producerPaused,
    });

    // Router B → far receiver (plain RTP, no loss on this leg).
    const receiver = socket();
    const receiverPort = await bind(receiver);
    const egress = await routerB.createPlainTransport({ listenIp: LOCALHOST, rtcpMux: true, comedia: false });
    await egress.connect({ ip: LOCALHOST, port: receiverPort });
    const rtpCapabilities: types.RtpCapabilities = {
      codecs: [{ kind: "video", mimeType: "video/VP8", clockRate: STREAM.clockRate, preferredPayloadType: STREAM.payloadType, rtcpFeedback: [] }],
      headerExtensions: [],
    };
    await egress.consume({ producerId: producer.id, rtpCapabilities });
    const seen = new Set<number>();
    let first: number | undefined;
    let last = 0; // unwrapped, relative to `first`
    receiver.on("message", (packet) => {
      if (isRtcp(packet)) return;
      const seq = packet.readUInt16BE(2);
      first ??= seq;
      const relative = (seq - first + 0x10000) % 0x10000;
      // Unwrap against the highest seen so far (the run is far shorter than a 16-bit wrap at 45 pkt/s).
      const unwrapped = relative + Math.floor((last - relative + 0x8000) / 0x10000) * 0x10000;
      seen.add(unwrapped);
      last = Math.max(last, unwrapped);
    });

    // The camera: 30 fps, a keyframe whenever router A asks for one.
    const stream = new Vp8Stream(ssrc);
    camera.on("message", (rtcp) => {
      if (keyFrameRequests(rtcp).includes(ssrc)) stream.requestKeyFrame();
    });
    const started = Date.now();
    timers.push(
      setInterval(() => {
        for (const packet of stream.nextFrame(Date.now() - started)) camera.send(packet, ingest.tuple.localPort, LOCALHOST);
      }, 1000 / STREAM.fps),
    );
    await sleep(options.seconds * 1000);
    clearInterval(timers.pop());
    // Let the last retransmissions arrive; the tail's own losses could not be recovered yet.
    await sleep(1000);
    const tail = Math.round(STREAM.fps * 1.5 * 0.5); // ~0.5 s of packets at the end are not judged
    const judged = [...seen].filter((s) => s <= last - tail).length;
    const expected = Math.max(0, last - tail + 1);
    return {
      mediasoupVersion: mediasoup.version,
      pipeRtpPackets,
      dropped,
      rtxPackets,
      nackPackets,
      deliveredPct: expected > 0 ? (judged / expected) * 100 : 0,
      received: judged,
      expected,
    };
  } finally {
    for (const t of timers) clearInterval(t);
    for (const worker of workers) worker.close();
    for (const s of sockets) s.close();
  }
}
