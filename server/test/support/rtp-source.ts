import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import type { types } from "mediasoup";
import type { Peer } from "../../src/media/peer.ts";
import type { Room } from "../../src/media/room.ts";
import type { Source } from "../../src/protocol/entities.ts";

/**
 * Real media for recorder tests and benchmarks: a clip encoded once (VP8 or Opus, in WebM), sent
 * as RTP by ffmpeg (`-c copy`: no encoding while sending) into a PlainTransport producer that
 * goes through the room's own `produce` — the same path a browser's track takes.
 */
export interface Clip {
  file: string;
  kind: "audio" | "video";
  /** Frames (video) or packets (audio, 20 ms each) in the clip, counted by ffprobe. */
  frames: number;
  seconds: number;
}

export function encodeClip(dir: string, kind: "audio" | "video", seconds: number, { fps = 20, kbps = 500 } = {}): Clip {
  const file = path.join(dir, `${kind}-${seconds}s-${kbps}k.webm`);
  const args =
    kind === "video"
      ? ["-f", "lavfi", "-i", `testsrc=size=640x360:rate=${fps}`, "-t", String(seconds), "-c:v", "libvpx", "-b:v", `${kbps}k`, "-deadline", "realtime", "-cpu-used", "8", "-g", String(fps * 3)]
      : ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", String(seconds), "-ac", "2", "-c:a", "libopus", "-b:a", "32k"];
  const run = spawnSync("ffmpeg", ["-loglevel", "error", "-nostdin", "-y", ...args, file]);
  if (run.status !== 0) throw new Error(`ffmpeg could not encode the clip: ${run.stderr}`);
  return { file, kind, frames: countFrames(file), seconds };
}

/** Decodes every frame (ffprobe -count_frames): a file that does not decode throws. */
export function countFrames(file: string): number {
  const run = spawnSync("ffprobe", ["-v", "error", "-count_frames", "-select_streams", "0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`ffprobe failed on ${file}: ${run.stderr}`);
  return Number.parseInt(run.stdout.trim(), 10);
}

/** Whether ffmpeg decodes the whole file without an error. */
export function decodesCleanly(file: string): { ok: boolean; errors: string } {
  const run = spawnSync("ffmpeg", ["-v", "error", "-nostdin", "-i", file, "-f", "null", "-"], { encoding: "utf8" });
  return { ok: run.status === 0, errors: run.stderr.trim() };
}

const PAYLOAD = { video: 101, audio: 100 } as const;

/** A producer of `peer`'s made through Room.produce, fed from a PlainTransport (returns its port). */
export async function plainProducer(room: Room, peer: Peer, kind: "audio" | "video", source: Source, ssrc: number): Promise<PlainProducer> {
  // Two ports: ffmpeg sends RTP and RTCP from two sockets, and comedia locks onto one source per port.
  const transport = await room.mediaRouter.createPlainTransport({ listenIp: { ip: "127.0.0.1" }, rtcpMux: false, comedia: true });
  // The room looks transports up on the peer; a plain one stands in for the browser's.
  (peer.transports as Map<string, unknown>).set(transport.id, transport);
  const rtpParameters: types.RtpParameters =
    kind === "video"
      ? { codecs: [{ mimeType: "video/VP8", payloadType: PAYLOAD.video, clockRate: 90000 }], encodings: [{ ssrc }] }
      : { codecs: [{ mimeType: "audio/opus", payloadType: PAYLOAD.audio, clockRate: 48000, channels: 2 }], encodings: [{ ssrc }] };
  const producer = await room.produce(peer, transport.id, kind, rtpParameters, source);
  return { producer, port: transport.tuple.localPort, rtcpPort: transport.rtcpTuple!.localPort, transport };
}

export interface PlainProducer {
  producer: types.Producer;
  port: number;
  rtcpPort: number;
  transport: types.PlainTransport;
}

/** Sends the clip in real time as RTP (with RTCP sender reports) to a plain producer's port. */
export function sendClip(clip: Clip, target: { port: number; rtcpPort: number }, ssrc: number, { loop = false } = {}) {
  const child = spawn(
    "ffmpeg",
    [
      "-loglevel", "error", "-nostdin", "-re",
      ...(loop ? ["-stream_loop", "-1"] : []),
      "-i", clip.file, "-c", "copy", "-ssrc", String(ssrc), "-payload_type", String(PAYLOAD[clip.kind]),
      "-f", "rtp", `rtp://127.0.0.1:${target.port}?rtcpport=${target.rtcpPort}&pkt_size=1200`,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const done = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, done };
}
