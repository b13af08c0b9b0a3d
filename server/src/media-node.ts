import type http from "node:http";
import type { AddressInfo } from "node:net";
import { createJoinTokenVerifier } from "./auth/verify-join-token.ts";
import type { MediaConfig } from "./config.ts";
import { MediaError, notFound } from "./errors.ts";
import { createHttpServer } from "./http/http-server.ts";
import { ZMarkedRequest, ZSpotlightRequest } from "./protocol/internal.ts";
import { ZNoticeRequest } from "./protocol/room-terms.ts";
import { RoomManager } from "./media/room-manager.ts";
import { WorkerPool } from "./media/worker-pool.ts";
import type { Logger } from "./observability/logger.ts";
import { MediaMetrics } from "./observability/metrics.ts";
import { PortalReporter } from "./portal-client/portal-reporter.ts";
import { RecordingManager } from "./recording/recording-manager.ts";
import { ReportOutbox } from "./recording/report-outbox.ts";
import { reportFileToPortal } from "./recording/report-to-portal.ts";
import { createSignalingServer, type MediaIo } from "./signaling/socket-server.ts";
import { NodeNetwork } from "./network/node-network.ts";
import type { PipeTap } from "./network/room-links.ts";
import type { NodeRegistrar } from "./registry/node-registrar.ts";
import { startRegistrarIfConfigured } from "./registry/start-registrar.ts";

/** In-process extras of a node that are not configuration (tests and benchmarks). */
export interface MediaNodeExtras {
  /** Issue 11: a relay between this node's pipes and a neighbour's (e.g. a lossy link). */
  pipeTap?: (neighbor: string) => PipeTap | undefined;
}

/** Who sent a notice that came through the internal API (the portal reports it as "portal"). */
const PORTAL_SENDER = { id: "portal" } as const;

/** A running media node: workers, rooms, signaling, health and metrics on one HTTP port. */
export class MediaNode {
  private draining = false;
  /** Issue 11: the media network, on a node with a parent or children. */
  network: NodeNetwork | undefined;
  /** Issue 11 §1: registration and heartbeat to the portal, when configured. */
  registrar: NodeRegistrar | undefined;

  private constructor(
    readonly config: MediaConfig,
    readonly pool: WorkerPool,
    readonly rooms: RoomManager,
    readonly httpServer: http.Server,
    readonly io: MediaIo,
    readonly reporter: PortalReporter,
    readonly recordings: RecordingManager,
    private readonly logger: Logger,
  ) {}

  static async start(config: MediaConfig, logger: Logger, extras: MediaNodeExtras = {}): Promise<MediaNode> {
    const pool = await WorkerPool.create({ size: config.workers, rtcMinPort: config.rtcMinPort, rtcMaxPort: config.rtcMaxPort, logger });
    // Every event to the portal goes through the outbox on the recordings disk; what an earlier
    // run left there is queued first, ahead of anything this run reports.
    const outbox = new ReportOutbox(config.recording.dir, logger);
    const reporter = new PortalReporter(config.portal, config.nodeId, logger, outbox);
    await reporter.resume();
    const now = () => new Date().toISOString();
    const rooms = new RoomManager({
      pool,
      logger,
      listenIp: config.listenIp,
      announcedIp: config.announcedIp,
      emptyGraceMs: config.roomEmptyGraceMs,
      reconnectGraceMs: config.peerReconnectGraceMs,
      earlyStepDown: config.earlyStepDown,
      onPeerJoined: (room, peer) => reporter.report({ type: "peer.joined", room: room.id, identity: peer.id, name: peer.name, role: peer.role, at: now() }),
      onPeerLeft: (room, peer, reason) => reporter.report({ type: "peer.left", room: room.id, identity: peer.id, reason, at: now() }),
      warningSeconds: config.roomWarningSeconds,
      onRoomClosed: (room, reason, detail) => reporter.report({ type: "room.closed", room: room.id, reason, ...detail, at: now() }),
      onNotice: (room, notice, by) =>
        reporter.report({ type: "room.notice", room: room.id, identity: by, preset: notice.preset, text: notice.text, at: new Date(notice.sentAt).toISOString() }),
    });
    const metrics = new MediaMetrics(() => rooms.snapshot());
    pool.on("replaced", () => metrics.workerDeaths.inc());
    reporter.instrument(metrics.registry);
    const recordings = await RecordingManager.create(config.recording, logger, metrics.registry, {
      onFileClosed: (report) => reportFileToPortal(reporter, logger, report),
      onStorageFull: (room, freeBytes) => reporter.report({ type: "recording.storage_full", room, freeBytes: Math.floor(freeBytes), at: now() }),
    });
    let node: MediaNode | undefined;
    const health = async () => ({ status: node?.isDraining ? ("draining" as const) : ("ok" as const), node: config.nodeId, ...rooms.counts(), workers: pool.list().length });
    const httpServer = createHttpServer({ health, metrics, token: config.metricsToken }, {
      secret: config.portal?.secret ?? null,
      closeRoom: (id, reason) => rooms.closeRoom(id, reason),
      spotlight: (id, body) => {
        const parsed = ZSpotlightRequest.safeParse(body);
        if (!parsed.success) throw new MediaError("invalid_message", parsed.error.issues.map((i) => i.message).join("; "));
        const room = rooms.get(id);
        if (!room) throw notFound("Room");
        if (parsed.data.peerId === null) room.clearSpotlight();
        else room.spotlight(parsed.data.peerId, parsed.data.name, parsed.data.challenge);
      },
      notice: (id, body) => {
        const parsed = ZNoticeRequest.safeParse(body);
        if (!parsed.success) throw new MediaError("invalid_message", parsed.error.issues.map((i) => i.message).join("; "));
        const room = rooms.get(id);
        if (!room) throw notFound("Room");
        room.sendNotice(PORTAL_SENDER, parsed.data);
      },
      marked: (id, body) => {
        const parsed = ZMarkedRequest.safeParse(body);
        if (!parsed.success) throw new MediaError("invalid_message", parsed.error.issues.map((i) => i.message).join("; "));
        const room = rooms.get(id);
        if (!room) throw notFound("Room");
        room.tellMarked(parsed.data.peerId, { status: parsed.data.status, makeUp: parsed.data.makeUp });
      },
    }, logger);
    const verify = await createJoinTokenVerifier(config.joinTokenPublicKey);
    const io = createSignalingServer(httpServer, verify, { rooms, logger, metrics, limits: config.limits, recordings, nodeId: config.nodeId }, config.allowedOrigins, config.trustedProxies);
    const network = NodeNetwork.startIfConfigured({ nodeId: config.nodeId, config: config.network, rooms, io, logger, registry: metrics.registry, pipeTap: extras.pipeTap });
    // Event-loop delay is sampled while anyone is connected (observability/event-loop-delay.ts).
    io.on("connection", (socket) => socket.once("disconnect", metrics.eventLoop.hold()));
    await new Promise<void>((resolve) => httpServer.listen(config.port, config.httpHost, resolve));
    node = new MediaNode(config, pool, rooms, httpServer, io, reporter, recordings, logger);
    node.network = network;
    node.registrar = startRegistrarIfConfigured(config, node.port, { pool, rooms, network: () => network, recordingsRunning: () => recordings.runningCount() }, logger);
    logger.info({ port: node.port, workers: config.workers }, "media node listening");
    return node;
  }

  get port(): number {
    return (this.httpServer.address() as AddressInfo).port;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * Stop taking part: every client is told to reconnect (to this node when it is back, or
   * elsewhere), then sockets, rooms and workers close.
   */
  async drain(graceMs = 1000): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    this.logger.info({ graceMs }, "draining");
    for (const room of this.rooms.all()) room.notifyAll("reconnect", { reason: "draining", retryAfterMs: 2000 });
    await new Promise((resolve) => setTimeout(resolve, graceMs));
    await this.close();
  }

  async close(): Promise<void> {
    // Files end cleanly (duration and index written) before the workers go.
    await this.recordings.close();
    this.registrar?.close();
    this.network?.close();
    this.io.close();
    this.pool.close();
    await new Promise((resolve) => this.httpServer.close(resolve));
    // Last: the rooms' closing reports are queued by now; then no retry outlives the node, and
    // every event is on disk (a portal that is down gets them at the next start).
    await this.reporter.close();
  }
}
