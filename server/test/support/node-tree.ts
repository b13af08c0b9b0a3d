import dgram from "node:dgram";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { types } from "mediasoup";
import { ed25519PemKeyPair } from "../../../scripts/lib/ed25519-pem.mjs";
import { loadMediaConfig } from "../../src/config.ts";
import { MediaNode } from "../../src/media-node.ts";
import type { PipeTap } from "../../src/network/room-links.ts";
import { createLogger } from "../../src/observability/logger.ts";
import type { Room } from "../../src/media/room.ts";
import { keyFrameRequests, STREAM, Vp8Stream } from "../../../bench/sfu/vp8-stream.ts";
import { TreePortal } from "./tree-portal.ts";

// Several real media nodes in one process (each with its own mediasoup worker), linked as a tree
// over loopback: the network tests and bench/cascade build on this.

export interface TreeNodeSpec {
  id: string;
  parent?: string;
  /** Extra environment of this node alone (e.g. its MEDIA_UNIT_ID). */
  env?: Record<string, string>;
}

export interface TreeNode {
  id: string;
  node: MediaNode;
  url: string;
  port: number;
  keys: { publicKey: string; privateKey: string };
}

export class NodeTree extends TreePortal {
  readonly nodes = new Map<string, TreeNode>();
  private readonly keys = new Map<string, { publicKey: string; privateKey: string }>();
  private readonly dirs: string[] = [];
  /** Per initiating node and neighbour: a relay between their pipes (set before the link forms). */
  readonly taps = new Map<string, PipeTap>();

  constructor(
    readonly specs: TreeNodeSpec[],
    private readonly env: Record<string, string> = {},
    private readonly rtcBase = 50000,
  ) {
    super();
    for (const spec of specs) this.keys.set(spec.id, ed25519PemKeyPair());
  }

  static async start(specs: TreeNodeSpec[], env: Record<string, string> = {}, rtcBase?: number): Promise<NodeTree> {
    const tree = new NodeTree(specs, env, rtcBase);
    for (const spec of specs) await tree.startNode(spec.id);
    return tree;
  }

  keysOf(id: string) {
    return this.keys.get(id)!;
  }

  get(id: string): TreeNode {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`node ${id} is not running`);
    return n;
  }

  url(id: string): string {
    return this.get(id).url;
  }

  envOf(id: string, port: number): Record<string, string> {
    const index = this.specs.findIndex((s) => s.id === id);
    const spec = this.specs[index]!;
    const children = Object.fromEntries(this.specs.filter((s) => s.parent === id).map((s) => [s.id, this.keys.get(s.id)!.publicKey]));
    const parent = spec.parent ? this.nodes.get(spec.parent) : undefined;
    const dir = mkdtempSync(path.join(os.tmpdir(), "yg-net-"));
    this.dirs.push(dir);
    return {
      MEDIA_NODE_ID: id,
      MEDIA_PORT: String(port),
      MEDIA_HTTP_HOST: "127.0.0.1",
      MEDIA_LISTEN_IP: "127.0.0.1",
      MEDIA_WORKERS: "1",
      MEDIA_RTC_MIN_PORT: String(this.rtcBase + index * 100),
      MEDIA_RTC_MAX_PORT: String(this.rtcBase + index * 100 + 99),
      MEDIA_ROOM_EMPTY_GRACE_SECONDS: "1",
      MEDIA_PEER_RECONNECT_GRACE_SECONDS: "2",
      JOIN_TOKEN_PUBLIC_KEY: this.portal.publicKey,
      LOG_LEVEL: process.env.NETWORK_LOG_LEVEL ?? "silent",
      RECORDINGS_DIR: dir,
      RECORDING_MIN_FREE_MB: "1",
      MEDIA_NODE_KEY: this.keys.get(id)!.privateKey,
      ...(spec.parent
        ? { MEDIA_PARENT_ID: spec.parent, MEDIA_PARENT_URL: parent ? parent.url : `http://127.0.0.1:${this.lastPorts.get(spec.parent)}`, MEDIA_PARENT_KEY: this.keys.get(spec.parent)!.publicKey }
        : {}),
      ...(Object.keys(children).length > 0 ? { MEDIA_CHILD_KEYS: JSON.stringify(children) } : {}),
      ...this.env,
      ...spec.env,
    };
  }

  private readonly lastPorts = new Map<string, number>();

  /** Starts (or restarts, on its old port) one node. */
  async startNode(id: string): Promise<TreeNode> {
    const port = this.lastPorts.get(id) ?? 0;
    const config = loadMediaConfig(this.envOf(id, port));
    const logger = createLogger(config.logLevel, id);
    const node = await MediaNode.start(config, logger, { pipeTap: (neighbor) => this.taps.get(`${id}>${neighbor}`) });
    const entry: TreeNode = { id, node, port: node.port, url: `http://127.0.0.1:${node.port}`, keys: this.keys.get(id)! };
    this.lastPorts.set(id, node.port);
    this.nodes.set(id, entry);
    return entry;
  }

  async stopNode(id: string): Promise<void> {
    const n = this.nodes.get(id);
    if (!n) return;
    this.nodes.delete(id);
    await n.node.close();
  }

  /** Resolves once every node's links to its parent are up. */
  async linked(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const missing = this.specs.filter((s) => s.parent && this.nodes.has(s.id) && !this.nodes.get(s.id)!.node.network?.tree.neighbor(s.parent));
      if (missing.length === 0) {
        // and every parent has heard its children's subtrees
        const routes = this.specs.every((s) => !s.parent || !this.nodes.has(s.parent) || this.nodes.get(s.parent)!.node.network?.tree.isBelow(s.id));
        if (routes) return;
      }
      if (Date.now() > deadline) throw new Error(`links not up: ${missing.map((s) => s.id).join(", ")}`);
      await sleep(100);
    }
  }

  room(nodeId: string, roomId = "room-1"): Room | undefined {
    return this.nodes.get(nodeId)?.node.rooms.get(roomId);
  }

  async close(): Promise<void> {
    this.closeClients();
    for (const id of [...this.nodes.keys()].reverse()) await this.stopNode(id);
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** A synthetic VP8 camera (bench/sfu/vp8-stream.ts) producing through Room.produce from a PlainTransport, 30 fps. */
export async function syntheticCamera(room: Room, peerId: string): Promise<{ producer: types.Producer; stream: Vp8Stream; sentAt: Map<number, number>; stop(): void }> {
  const peer = room.peer(peerId);
  const transport = await room.mediaRouter.createPlainTransport({ listenIp: { ip: "127.0.0.1" }, rtcpMux: true, comedia: true });
  (peer.transports as Map<string, unknown>).set(transport.id, transport);
  const ssrc = 0x2000_0000 + Math.floor(Math.random() * 0x1000_0000);
  const producer = await room.produce(
    peer,
    transport.id,
    "video",
    { codecs: [{ mimeType: "video/VP8", payloadType: STREAM.payloadType, clockRate: STREAM.clockRate, rtcpFeedback: [{ type: "nack" }, { type: "nack", parameter: "pli" }] }], encodings: [{ ssrc }] },
    "camera",
  );
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const stream = new Vp8Stream(ssrc);
  socket.on("message", (rtcp) => {
    if (keyFrameRequests(rtcp).includes(ssrc)) stream.requestKeyFrame();
  });
  /** RTP timestamp → when its frame was sent (ms, performance.now). */
  const sentAt = new Map<number, number>();
  const started = Date.now();
  const timer = setInterval(() => {
    const packets = stream.nextFrame(Date.now() - started);
    sentAt.set(packets[0]!.readUInt32BE(4), performance.now());
    for (const packet of packets) socket.send(packet, transport.tuple.localPort, "127.0.0.1");
  }, 1000 / STREAM.fps);
  return {
    producer,
    stream,
    sentAt,
    stop: () => {
      clearInterval(timer);
      socket.close();
    },
  };
}

/**
 * A receiver of one producer on a room's router: a PlainTransport consumer whose RTP lands on a
 * UDP socket here. Counts complete frames (every packet from the first to the marker) by RTP
 * timestamp, and when each frame completed.
 */
export async function frameCounter(room: Room, producerId: string) {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const transport = await room.mediaRouter.createPlainTransport({ listenIp: { ip: "127.0.0.1" }, rtcpMux: true, comedia: false });
  await transport.connect({ ip: "127.0.0.1", port: (socket.address() as AddressInfo).port });
  const consumer = await transport.consume({
    producerId,
    rtpCapabilities: {
      codecs: [{ kind: "video", mimeType: "video/VP8", clockRate: STREAM.clockRate, preferredPayloadType: STREAM.payloadType, rtcpFeedback: [{ type: "nack", parameter: "pli" }] }],
      headerExtensions: [],
    },
  });
  const frames = new Map<number, { seqs: Set<number>; first?: number; last?: number }>();
  const completedAt = new Map<number, number>();
  let bytes = 0;
  socket.on("message", (packet) => {
    if (packet.length < 12 || (packet[1]! >= 192 && packet[1]! <= 223)) return;
    bytes += packet.length;
    const cc = packet[0]! & 0x0f;
    let offset = 12 + cc * 4;
    if (packet[0]! & 0x10) offset += 4 + packet.readUInt16BE(offset + 2) * 4;
    const seq = packet.readUInt16BE(2);
    const ts = packet.readUInt32BE(4);
    const marker = (packet[1]! & 0x80) !== 0;
    const start = (packet[offset]! & 0x10) !== 0;
    let f = frames.get(ts);
    if (!f) frames.set(ts, (f = { seqs: new Set() }));
    f.seqs.add(seq);
    if (start) f.first = seq;
    if (marker) f.last = seq;
    if (f.first !== undefined && f.last !== undefined && !completedAt.has(ts) && f.seqs.size === ((f.last - f.first + 0x10000) % 0x10000) + 1) {
      completedAt.set(ts, performance.now());
    }
  });
  return {
    consumer,
    completedAt,
    get bytes() {
      return bytes;
    },
    get framesSeen() {
      return frames.size;
    },
    close() {
      transport.close();
      socket.close();
    },
  };
}
