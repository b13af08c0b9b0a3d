import dgram from "node:dgram";
import type { types } from "mediasoup";
import type { Room } from "../../src/media/room.ts";
import { keyFrameRequests, layerClip, STREAM, Vp8Stream } from "../../../bench/sfu/vp8-stream.ts";

/** A browser camera's three simulcast layers (kbit/s at 30 fps), as bench/layer-pipe sends them. */
export const SIMULCAST_LAYERS = [
  { kbps: 150, width: 320, height: 180 },
  { kbps: 500, width: 640, height: 360 },
  { kbps: 1500, width: 1280, height: 720 },
] as const;


/**
 * A simulcast camera of one peer in a room: three VP8 encodings (synthetic frames of each layer's
 * size) from one UDP socket into a PlainTransport producer, honouring keyframe requests per layer.
 */
export async function simulcastCamera(room: Room, peerId: string) {
  const peer = room.peer(peerId);
  const transport = await room.mediaRouter.createPlainTransport({ listenIp: { ip: "127.0.0.1" }, rtcpMux: true, comedia: true });
  (peer.transports as Map<string, unknown>).set(transport.id, transport);
  const base = 0x3000_0000 + Math.floor(Math.random() * 0x0fff_0000);
  const ssrcs = SIMULCAST_LAYERS.map((_, i) => base + i);
  const producer: types.Producer = await room.produce(
    peer,
    transport.id,
    "video",
    {
      codecs: [{ mimeType: "video/VP8", payloadType: STREAM.payloadType, clockRate: STREAM.clockRate, rtcpFeedback: [{ type: "nack" }, { type: "nack", parameter: "pli" }, { type: "ccm", parameter: "fir" }] }],
      encodings: ssrcs.map((ssrc) => ({ ssrc })),
    },
    "camera",
  );
  const streams = SIMULCAST_LAYERS.map((layer, i) => new Vp8Stream(ssrcs[i]!, layerClip(layer)));
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const keyFramesAsked = [0, 0, 0];
  socket.on("message", (rtcp) => {
    for (const ssrc of keyFrameRequests(rtcp)) {
      const i = ssrcs.indexOf(ssrc);
      if (i < 0) continue;
      keyFramesAsked[i]!++;
      streams[i]!.requestKeyFrame();
    }
  });
  let bytesSent = 0;
  let framesSent = 0;
  const started = Date.now();
  /** Per layer: the last frame's RTP timestamp, when it was sent, and the counts a sender report gives. */
  const sent = ssrcs.map(() => ({ ts: 0, at: 0, packets: 0, octets: 0 }));
  const timer = setInterval(() => {
    framesSent++;
    streams.forEach((stream, i) => {
      for (const packet of stream.nextFrame(Date.now() - started)) {
        bytesSent += packet.length;
        Object.assign(sent[i]!, { ts: packet.readUInt32BE(4), at: Date.now(), packets: sent[i]!.packets + 1, octets: sent[i]!.octets + packet.length - 12 });
        socket.send(packet, transport.tuple.localPort, "127.0.0.1");
      }
    });
  }, 1000 / STREAM.fps);
  // RTCP sender reports, as browsers send them: mediasoup switches a consumer between simulcast
  // layers only once it can line their timestamps up (each layer has its own RTP clock base).
  const reports = setInterval(() => {
    const now = Date.now();
    ssrcs.forEach((ssrc, i) => {
      const s = sent[i]!;
      if (!s.at) return;
      const sr = Buffer.alloc(28);
      sr.writeUInt8(0x80, 0);
      sr.writeUInt8(200, 1);
      sr.writeUInt16BE(6, 2);
      sr.writeUInt32BE(ssrc, 4);
      const ntpSeconds = Math.floor(now / 1000) + 2_208_988_800;
      sr.writeUInt32BE(ntpSeconds >>> 0, 8);
      sr.writeUInt32BE(Math.floor(((now % 1000) / 1000) * 0x1_0000_0000) >>> 0, 12);
      sr.writeUInt32BE((s.ts + Math.round((now - s.at) * (STREAM.clockRate / 1000))) >>> 0, 16);
      sr.writeUInt32BE(s.packets >>> 0, 20);
      sr.writeUInt32BE(s.octets >>> 0, 24);
      socket.send(sr, transport.tuple.localPort, "127.0.0.1");
    });
  }, 500);
  return {
    producer,
    keyFramesAsked,
    get bytesSent() {
      return bytesSent;
    },
    get framesSent() {
      return framesSent;
    },
    stop() {
      clearInterval(timer);
      clearInterval(reports);
      socket.close();
    },
  };
}
