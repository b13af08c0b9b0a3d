// bench/layer-pipe (issue 11 §2): bytes on one link for a simulcast camera whose far viewers all
// watch its lowest layer (an inspection wall 4 hops up), two ways:
// - whole: the network's pipe today — a PipeTransport consumer, which forwards every encoding;
// - layer: a regular simulcast consumer (preferred spatial layer 0) on a PlainTransport with SRTP,
//   into a PlainTransport producer of that one encoding on the far router, under the same id.
// Two workers (two nodes' workers) on loopback; the camera is three synthetic VP8 encodings
// (≈ 150 / 500 / 1500 kbit/s at 30 fps, bench/sfu/vp8-stream.ts in clip mode) sent as RTP; the far
// viewer is a simulcast consumer at layer 0 into a UDP socket, whose frames are counted.
import "../sfu/worker-bin.ts";
import dgram from "node:dgram";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { parseArgs } from "node:util";
import * as mediasoup from "mediasoup";
import type { types } from "mediasoup";
import { layerClip, STREAM, Vp8Stream } from "../sfu/vp8-stream.ts";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "8" } } });
const seconds = Number(values.seconds);
const LAYERS = [
  { rid: "l0", kbps: 150, width: 320, height: 180 },
  { rid: "l1", kbps: 500, width: 640, height: 360 },
  { rid: "l2", kbps: 1500, width: 1280, height: 720 },
];
const VP8 = { kind: "video" as const, mimeType: "video/VP8", clockRate: 90_000, preferredPayloadType: STREAM.payloadType, rtcpFeedback: [{ type: "nack" }, { type: "nack", parameter: "pli" }, { type: "ccm", parameter: "fir" }] };
const CAPS: types.RtpCapabilities = { codecs: [VP8], headerExtensions: [] };


console.log(`bench/layer-pipe — ${new Date().toISOString()}; Node ${process.version}, mediasoup ${mediasoup.version}, ${os.cpus().length} × ${os.cpus()[0]?.model}, load ${os.loadavg()[0]!.toFixed(1)}`);
const workers = await Promise.all([0, 1].map(() => mediasoup.createWorker({ logLevel: "warn", rtcMinPort: 47000, rtcMaxPort: 47999 })));
const listenIp = { ip: "127.0.0.1" };

async function measure(mode: "whole" | "layer") {
  const [near, far] = await Promise.all(workers.map((w) => w.createRouter({ mediaCodecs: [VP8] })));
  // The camera on the near node: three encodings from one socket.
  const input = await near!.createPlainTransport({ listenIp, rtcpMux: true, comedia: true });
  const ssrcs = LAYERS.map((_, i) => 0x3000_0000 + i * 0x100 + Math.floor(Math.random() * 0xff));
  const producer = await input.produce({
    kind: "video",
    rtpParameters: { codecs: [{ mimeType: "video/VP8", payloadType: STREAM.payloadType, clockRate: 90_000, rtcpFeedback: VP8.rtcpFeedback }], encodings: ssrcs.map((ssrc) => ({ ssrc })) },
  });
  const streams = LAYERS.map((l, i) => new Vp8Stream(ssrcs[i]!, layerClip(l)));
  const camera = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => camera.bind(0, "127.0.0.1", resolve));
  camera.on("message", () => streams.forEach((s) => s.requestKeyFrame())); // any RTCP back: a PLI, as encoders honour it
  const started = Date.now();
  let ticks = 0;
  const timer = setInterval(() => {
    ticks++;
    for (const s of streams) for (const p of s.nextFrame(Date.now() - started)) camera.send(p, input.tuple.localPort, "127.0.0.1");
  }, 1000 / STREAM.fps);

  // The link.
  let linkIn: types.Transport;
  if (mode === "whole") {
    const [a, b] = await Promise.all([near!, far!].map((r) => r.createPipeTransport({ listenIp, enableSrtp: true, enableRtx: true })));
    await a!.connect({ ip: "127.0.0.1", port: b!.tuple.localPort, srtpParameters: b!.srtpParameters });
    await b!.connect({ ip: "127.0.0.1", port: a!.tuple.localPort, srtpParameters: a!.srtpParameters });
    const pipe = await a!.consume({ producerId: producer.id });
    await b!.produce({ id: producer.id, kind: "video", rtpParameters: pipe.rtpParameters, paused: pipe.producerPaused });
    linkIn = b!;
  } else {
    const [a, b] = await Promise.all([near!, far!].map((r) => r.createPlainTransport({ listenIp, rtcpMux: true, comedia: false, enableSrtp: true })));
    await a!.connect({ ip: "127.0.0.1", port: b!.tuple.localPort, srtpParameters: b!.srtpParameters });
    await b!.connect({ ip: "127.0.0.1", port: a!.tuple.localPort, srtpParameters: a!.srtpParameters });
    const layer = await a!.consume({ producerId: producer.id, rtpCapabilities: near!.rtpCapabilities, preferredLayers: { spatialLayer: 0 }, paused: false });
    await b!.produce({ id: producer.id, kind: "video", rtpParameters: { ...layer.rtpParameters, mid: undefined, encodings: [{ ssrc: layer.rtpParameters.encodings![0]!.ssrc }] } });
    linkIn = b!;
  }

  // The far viewer: the lowest layer, as a wall tile takes it.
  const viewerSocket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => viewerSocket.bind(0, "127.0.0.1", resolve));
  const out = await far!.createPlainTransport({ listenIp, rtcpMux: true, comedia: false });
  await out.connect({ ip: "127.0.0.1", port: (viewerSocket.address() as AddressInfo).port });
  const viewer = await out.consume({ producerId: producer.id, rtpCapabilities: CAPS, preferredLayers: { spatialLayer: 0 } });
  const frames = new Set<number>();
  viewerSocket.on("message", (p) => {
    if (p.length >= 12 && !(p[1]! >= 192 && p[1]! <= 223) && p[1]! & 0x80) frames.add(p.readUInt32BE(4));
  });
  await new Promise((r) => setTimeout(r, 2000));
  const bytes = async () => (await linkIn.getStats()).reduce((n, s) => n + ((s as { bytesReceived?: number }).bytesReceived ?? 0), 0);
  const sentBytes = () => ticks;
  const b0 = await bytes();
  const f0 = frames.size;
  const p0 = sentBytes();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const elapsed = (performance.now() - t0) / 1000;
  const kbps = ((await bytes()) - b0) * 8 / elapsed / 1000;
  const fps = (frames.size - f0) / elapsed;
  const cameraFrames = sentBytes() - p0;
  const linkBytes = (await bytes()) - b0;
  const layer = viewer.currentLayers?.spatialLayer;
  clearInterval(timer);
  camera.close();
  viewerSocket.close();
  near!.close();
  far!.close();
  return { kbps, fps, layer, cameraFps: cameraFrames / elapsed, bytesPerFrame: linkBytes / cameraFrames };
}

const whole = await measure("whole");
const layer = await measure("layer");
console.log(`\n## One simulcast camera (${LAYERS.map((l) => `${l.kbps}`).join(" / ")} kbit/s), far viewer on the lowest layer, ${seconds} s\n`);
console.log("| link carries | kbit/s into the far node | link bytes per camera frame | far viewer fps / camera fps | far viewer's layer |");
console.log("|---|---|---|---|---|");
for (const [name, m] of [["every layer (PipeTransport consumer, today)", whole], ["the watched layer (simulcast consumer over SRTP PlainTransport)", layer]] as const) {
  console.log(`| ${name} | ${m.kbps.toFixed(0)} | ${m.bytesPerFrame.toFixed(0)} | ${m.fps.toFixed(1)} / ${m.cameraFps.toFixed(1)} | ${m.layer ?? "the one encoding piped"} |`);
}
console.log(`\nlayer-only / whole, per camera frame: ${((layer.bytesPerFrame / whole.bytesPerFrame) * 100).toFixed(1)} % of the bytes (the layers' nominal share: ${((LAYERS[0]!.kbps / LAYERS.reduce((n, l) => n + l.kbps, 0)) * 100).toFixed(1)} %)`);
for (const w of workers) w.close();
process.exit(0);
