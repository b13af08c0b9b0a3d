// Child process: our media node, started as production starts it (MediaNode.start with a config
// from loadMediaConfig) but with one worker, in a process of its own so that its Node.js CPU (socket.io, Room
// bookkeeping, metrics, logging) is measured apart from everything else.
import "./worker-bin.ts";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { pino } from "pino";
import type { types } from "mediasoup";
import { loadMediaConfig } from "../../server/src/config.ts";
import { MediaNode } from "../../server/src/media-node.ts";
import { attachPlainLeg } from "./plain-leg.ts";
import { publisherTransportOptions, subscriberConnectParams, subscriberTransportOptions, type SrtpMode } from "./media-params.ts";

const metricsToken = randomBytes(24).toString("base64url");
import { ownCpuMs, serveRpc } from "./rpc.ts";

let node: MediaNode | undefined;
const worker = (): types.Worker => node!.pool.list()[0]!;

const handlers = {
  /**
   * `portal` wires the node to a running portal as `npm start` does (it reports joins and leaves,
   * and takes the portal's spotlight and close calls); `port` 0 picks a free one.
   */
  async start({
    publicKey,
    rtcMinPort,
    rtcMaxPort,
    nice,
    port = 0,
    portal,
    emptyGraceSeconds = 0,
  }: {
    publicKey: string;
    rtcMinPort: number;
    rtcMaxPort: number;
    nice: number;
    port?: number;
    portal?: { url: string; secret: string };
    emptyGraceSeconds?: number;
  }) {
    const config = loadMediaConfig({
      MEDIA_NODE_ID: "bench-node",
      MEDIA_PORT: String(port),
      ...(portal ? { PORTAL_URL: portal.url, PORTAL_INTERNAL_SECRET: portal.secret } : {}),
      MEDIA_HTTP_HOST: "127.0.0.1",
      MEDIA_LISTEN_IP: "127.0.0.1",
      MEDIA_WORKERS: "1",
      MEDIA_RTC_MIN_PORT: String(rtcMinPort),
      MEDIA_RTC_MAX_PORT: String(rtcMaxPort),
      // A finished step's room closes at once instead of lingering into the next step.
      MEDIA_ROOM_EMPTY_GRACE_SECONDS: String(emptyGraceSeconds),
      JOIN_TOKEN_PUBLIC_KEY: publicKey,
      LOG_LEVEL: "info",
      // Every simulated participant connects from loopback.
      MEDIA_MAX_CONNECTIONS_PER_ADDRESS: "100000",
      METRICS_TOKEN: metricsToken,
    });
    // Production's level and JSON lines, written to /dev/null so the bench's tables stay readable.
    const logger = pino(
      { level: config.logLevel, base: { node: config.nodeId }, timestamp: pino.stdTimeFunctions.isoTime },
      pino.destination({ dest: "/dev/null", sync: false }),
    );
    node = await MediaNode.start(config, logger);
    if (nice !== 0) os.setPriority(worker().pid, nice);
    return { url: `http://127.0.0.1:${node.port}`, metricsToken };
  },
  /** The bypass (see plain-leg.ts): a peer's plain leg, on its room's router, registered as ours would be. */
  async attachLeg({ room, peer, direction, srtp, port }: { room: string; peer: string; direction: "send" | "recv"; srtp: SrtpMode; port?: number }) {
    const target = node!.rooms.get(room);
    if (!target) throw new Error(`no room ${room}`);
    const connect = direction === "recv" ? subscriberConnectParams(srtp, port!) : undefined;
    const leg = connect
      ? await attachPlainLeg(target, peer, "recv", subscriberTransportOptions(srtp), connect)
      : await attachPlainLeg(target, peer, "send", publisherTransportOptions());
    return { transportId: leg.id, localPort: leg.tuple.localPort, srtp: connect?.srtpParameters };
  },
  async roomClosed({ room }: { room: string }) {
    for (let i = 0; i < 200 && node!.rooms.get(room); i++) await new Promise((r) => setTimeout(r, 25));
    return { closed: !node!.rooms.get(room) };
  },
  async cpu() {
    const usage = await worker().getResourceUsage();
    return { workerMs: usage.ru_utime + usage.ru_stime, workerSysMs: usage.ru_stime, nodeMs: ownCpuMs(), workerMaxRssKb: usage.ru_maxrss };
  },
  /** Peers of a room and how many consumers each one receives. */
  async roomPeers({ room }: { room: string }) {
    const target = node!.rooms.get(room);
    const peers = target ? [...target.allPeers()] : [];
    return {
      peers: peers.map((p) => ({
        id: p.id,
        producers: p.producers.size,
        consumers: p.consumers.size,
        // Paused by the receiver (an off-screen tile): the node forwards nothing for it.
        pausedConsumers: [...p.consumers.values()].filter((c) => c.paused).length,
        consumedProducers: new Set([...p.consumers.values()].map((c) => c.producerId)).size,
        transports: p.transports.size,
      })),
    };
  },
  async routers() {
    return { count: ((await worker().dump()) as { routerIds: string[] }).routerIds.length };
  },
  async close() {
    await node?.close();
  },
};

export type PlatformNodeHandlers = typeof handlers;

serveRpc(handlers);
