// The load generator, a child process so that its CPU is its own (and measured), not mixed into
// the processes that host mediasoup. One UDP socket sends every publisher's RTP (and hears the
// PLIs); a few sockets receive every consumer leg and count it: by default in a small C process
// (rtp-receiver.c, recvmmsg; its CPU is counted as the generator's), or here in Node.js
// (`--receiver node`, one callback per datagram: about 10 times the CPU). Streams are grouped by setup and
// only the active group sends, so both setups can stay built while they take turns.
import dgram from "node:dgram";
import { readFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { ownCpuMs, serveRpc } from "./rpc.ts";
import { CReceiver, type ReceiverSnapshot } from "./rtp-receiver.ts";
import type { FeedbackLeg } from "./setup.ts";
import { RtpCounter, type WindowCount } from "./rtp-counter.ts";
import { Vp8Stream, keyFrameRequests, type EncodedClip } from "./vp8-stream.ts";

const HOST = "127.0.0.1";
// As large as net.core.rmem_max allows (4 MiB here): a receiver stall must not look like SFU loss.
const SOCKET_BUFFER = 4 * 1024 * 1024;
const TICK_MS = 5;

interface Sending {
  stream: Vp8Stream;
  port: number;
  nextAt: number;
}

const counter = new RtpCounter();
const receivers: dgram.Socket[] = [];
let cReceiver: CReceiver | undefined;
let sender: dgram.Socket | undefined;
const groups = new Map<string, Sending[]>();
let active: Sending[] = [];
const bySsrc = new Map<number, Vp8Stream>();
let cpuAtMark = 0;
let sentAtMark = 0;
let feedbackAtMark = { sent: 0, failed: 0 };
let lastSnapshot: ReceiverSnapshot | undefined;

function bind(socket: dgram.Socket): Promise<number> {
  return new Promise((resolve) => socket.bind(0, HOST, () => resolve(socket.address().port)));
}

function tick(): void {
  const now = performance.now();
  for (const s of active) {
    // A late timer sends the frames it missed (an encoder would too), unless it is so far behind
    // that catching up would be a burst no camera makes.
    if (now - s.nextAt > 500) s.nextAt = now;
    while (s.nextAt <= now) {
      for (const packet of s.stream.nextFrame(now)) sender!.send(packet, s.port, HOST);
      s.nextAt += 1000 / s.stream.fps;
    }
  }
}

const handlers = {
  async init({ receivers: count, nice, receiver = "c" }: { receivers: number; nice: number; receiver?: "c" | "node" }) {
    if (nice !== 0) os.setPriority(nice);
    sender = dgram.createSocket({ type: "udp4", sendBufferSize: SOCKET_BUFFER, recvBufferSize: SOCKET_BUFFER });
    sender.on("message", (rtcp) => {
      for (const ssrc of keyFrameRequests(rtcp)) bySsrc.get(ssrc)?.requestKeyFrame();
    });
    await bind(sender);
    setInterval(tick, TICK_MS);
    if (receiver === "c" && count > 0) {
      cReceiver = await CReceiver.start(count, SOCKET_BUFFER);
      if (nice !== 0) os.setPriority(cReceiver.pid, nice);
      return { ports: cReceiver.ports };
    }
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const socket = dgram.createSocket({ type: "udp4", recvBufferSize: SOCKET_BUFFER });
      socket.on("message", (buf) => counter.onPacket(buf));
      ports.push(await bind(socket));
      receivers.push(socket);
    }
    return { ports };
  },
  /**
   * Adds a group of streams (one per publisher), silent until activated. With `clipFile` (written
   * by bench/rollcall-scale/clip.ts) they carry that clip's real VP8 frames instead of filler.
   */
  addGroup({ group, streams, clipFile }: { group: string; streams: Array<{ ssrc: number; port: number }>; clipFile?: string }) {
    const clip = clipFile ? readClip(clipFile) : undefined;
    const sendings = streams.map((t) => ({ stream: new Vp8Stream(t.ssrc, clip), port: t.port, nextAt: 0 }));
    for (const s of sendings) bySsrc.set(s.stream.ssrc, s.stream);
    groups.set(group, sendings);
  },
  /** Only this group sends from now on (null: none). */
  activate({ group }: { group: string | null }) {
    active = group ? groups.get(group)! : [];
    const now = performance.now();
    // Frame times are staggered across publishers, as independent cameras would be.
    active.forEach((s, i) => (s.nextAt = now + (1000 / s.stream.fps) * (i / active.length)));
  },
  /** The C receiver acknowledges these subscriber legs with transport-cc feedback, as browsers do. */
  async feedback({ legs, intervalMs }: { legs: FeedbackLeg[]; intervalMs: number }) {
    if (!cReceiver) throw new Error("transport-cc feedback needs the C receiver (--receiver c)");
    await cReceiver.feedback(legs, intervalMs);
  },
  removeGroups() {
    active = [];
    groups.clear();
    bySsrc.clear();
  },
  async mark({ ssrcs }: { ssrcs: number[] }) {
    cpuAtMark = await catchUp();
    counter.mark(ssrcs);
    sentAtMark = sentPackets();
    feedbackAtMark = { sent: lastSnapshot?.feedbackSent ?? 0, failed: lastSnapshot?.feedbackFailed ?? 0 };
  },
  async count(): Promise<{ count: WindowCount; cpuMs: number; sentPackets: number; receiver: "c" | "node"; feedbackSent: number; feedbackFailed: number }> {
    const cpu = await catchUp();
    return {
      count: counter.count(),
      cpuMs: cpu - cpuAtMark,
      sentPackets: sentPackets() - sentAtMark,
      receiver: cReceiver ? "c" : "node",
      feedbackSent: (lastSnapshot?.feedbackSent ?? 0) - feedbackAtMark.sent,
      feedbackFailed: (lastSnapshot?.feedbackFailed ?? 0) - feedbackAtMark.failed,
    };
  },
  async reset() {
    counter.reset();
    await cReceiver?.reset();
  },
};

/** Brings the counter up to date with the C receiver's (if any); the generator's CPU, receiver included. */
async function catchUp(): Promise<number> {
  if (!cReceiver) return ownCpuMs();
  const snapshot = (lastSnapshot = await cReceiver.snapshot());
  counter.replace(snapshot.streams);
  return ownCpuMs() + snapshot.cpuMs;
}

function readClip(file: string): EncodedClip {
  const stored = JSON.parse(readFileSync(file, "utf8")) as Omit<EncodedClip, "frames"> & { frames: Array<{ key: boolean; data: string }> };
  return { ...stored, frames: stored.frames.map((f) => ({ key: f.key, data: Buffer.from(f.data, "base64") })) };
}

function sentPackets(): number {
  let sent = 0;
  for (const group of groups.values()) for (const s of group) sent += s.stream.packetsSent;
  return sent;
}

export type LoadgenHandlers = typeof handlers;

serveRpc(handlers);
