import type { types } from "mediasoup";
import { forbidden, MediaError } from "../errors.ts";
import type { RoomKind } from "../protocol/join-token.ts";
import type { Logger } from "../observability/logger.ts";
import type { MediaSnapshot } from "../observability/metrics.ts";
import type { Peer } from "./peer.ts";
import { Room, type CloseDetail } from "./room.ts";
import { assertNotEnded, assertSameTerms, OPEN_TERMS, type RoomTerms } from "./room-terms.ts";
import type { RoomNotice } from "../protocol/room-terms.ts";
import type { WorkerPool } from "./worker-pool.ts";

export interface RoomManagerOptions {
  pool: WorkerPool;
  logger: Logger;
  listenIp: string;
  announcedIp: string | undefined;
  emptyGraceMs: number;
  reconnectGraceMs: number;
  /** Issue 14: viewers' spatial layers are capped early on a constrained downlink (early-step-down.ts). */
  earlyStepDown?: boolean;
  /** Seconds before a timed room's end at which everyone is warned. */
  warningSeconds?: readonly number[];
  onPeerJoined?: (room: Room, peer: Peer) => void;
  onPeerLeft?: (room: Room, peer: Peer, reason: string) => void;
  onRoomClosed?: (room: Room, reason: string, detail: CloseDetail) => void;
  onNotice?: (room: Room, notice: RoomNotice, by: string) => void;
}

// A room closed by a moderator or the portal stays closed for the longest a join token lives.
const CLOSED_ROOM_MEMORY_MS = 2 * 60 * 60 * 1000;

/** Rooms by id, created one at a time per id, and rebuilt when their worker dies. */
export class RoomManager {
  private readonly rooms = new Map<string, Room>();
  private readonly creating = new Map<string, Promise<Room>>();
  private readonly closedByHost = new Map<string, number>();
  /** Issue 11: the media network hears of every new room (server/src/network/node-network.ts). */
  roomCreated: ((room: Room) => void) | undefined;

  constructor(private readonly options: RoomManagerOptions) {
    options.pool.on("replaced", (dead, replacement) => void this.rebuildRoomsOf(dead, replacement));
  }

  get(id: string): Room | undefined {
    return this.rooms.get(id);
  }

  /**
   * The room's kind is the one named by the token that created it; a token naming another kind
   * is refused, so a meeting's token can never be pointed at a roll call's room.
   */
  async getOrCreate(id: string, kind: RoomKind = "meeting", terms: RoomTerms = OPEN_TERMS, home?: string): Promise<Room> {
    const closedAt = this.closedByHost.get(id);
    if (closedAt && Date.now() - closedAt < CLOSED_ROOM_MEMORY_MS) throw new MediaError("room_closed", "The room has been closed");
    // Stateless as well as remembered: after a node restart a timed room's tokens still say it is over.
    assertNotEnded(terms);
    const existing = this.rooms.get(id);
    let room: Room;
    if (existing && !existing.isClosed) room = existing;
    else {
      let pending = this.creating.get(id);
      if (!pending) {
        pending = this.createRoom(id, kind, terms, home).finally(() => this.creating.delete(id));
        this.creating.set(id, pending);
      }
      room = await pending;
    }
    if (room.kind !== kind) throw forbidden(`This token is for a ${kind} room; this room is a ${room.kind}`);
    assertSameTerms(room.terms, terms);
    if (home !== undefined && room.home !== home) throw forbidden("This link names another home node for the room");
    return room;
  }

  /** Closed by a moderator, the portal or its end time: it cannot be reopened with the same tokens. */
  closeRoom(id: string, reason: string, detail: CloseDetail = {}): void {
    this.closedByHost.set(id, Date.now());
    this.rooms.get(id)?.close(reason, detail);
  }

  all(): IterableIterator<Room> {
    return this.rooms.values();
  }

  /** Cheap, synchronous counts (for /health: no worker round trips). */
  counts(): { rooms: number; peers: number } {
    let peers = 0;
    for (const room of this.rooms.values()) peers += room.peerCount;
    return { rooms: this.rooms.size, peers };
  }

  async snapshot(): Promise<MediaSnapshot> {
    let peers = 0;
    let consumers = 0;
    const producers = { audio: 0, video: 0 };
    for (const room of this.rooms.values()) {
      for (const peer of room.allPeers()) {
        peers++;
        consumers += peer.consumers.size;
        for (const { producer } of peer.producers.values()) producers[producer.kind]++;
      }
    }
    const workers = await Promise.all(
      this.options.pool.list().map(async (worker) => {
        const usage = await worker.getResourceUsage().catch(() => ({ ru_utime: 0, ru_stime: 0 }));
        // What the worker holds, whatever the node's maps say: a leaked transport shows here.
        const dump = (await worker.dump().catch(() => undefined)) as { channelMessageHandlers?: { channelRequestHandlers?: unknown[] } } | undefined;
        const objects = dump?.channelMessageHandlers?.channelRequestHandlers?.length ?? 0;
        return { pid: worker.pid, cpuSeconds: (usage.ru_utime + usage.ru_stime) / 1000, objects };
      }),
    );
    // All transports at once: one worker round trip of latency, not one per transport.
    const transports = [...this.rooms.values()].flatMap((room) => [...room.allPeers()].flatMap((peer) => [...peer.transports.values()]));
    const allStats = await Promise.all(transports.map((transport) => transport.getStats().catch(() => [])));
    const bitrate = { in: 0, out: 0 };
    for (const s of allStats.flat()) {
      bitrate.in += s.recvBitrate ?? 0;
      bitrate.out += s.sendBitrate ?? 0;
    }
    return { rooms: this.rooms.size, peers, producers, consumers, workers, bitrate };
  }

  private async createRoom(id: string, kind: RoomKind, terms: RoomTerms, home: string | undefined): Promise<Room> {
    const { pool } = this.options;
    const room = await Room.create({
      id,
      kind,
      worker: pool.leastLoaded(),
      logger: this.options.logger,
      listenIp: this.options.listenIp,
      announcedIp: this.options.announcedIp,
      emptyGraceMs: this.options.emptyGraceMs,
      reconnectGraceMs: this.options.reconnectGraceMs,
      earlyStepDown: this.options.earlyStepDown,
      terms,
      warningSeconds: this.options.warningSeconds,
      home,
    });
    room.on("peerJoined", (peer) => {
      pool.addLoad(room.worker, 1);
      this.options.onPeerJoined?.(room, peer);
    });
    room.on("peerLeft", (peer, reason) => {
      pool.addLoad(room.worker, -1);
      this.options.onPeerLeft?.(room, peer, reason);
    });
    room.on("closed", (reason, detail) => {
      if (this.rooms.get(id) === room) this.rooms.delete(id);
      this.options.onRoomClosed?.(room, reason, detail);
    });
    room.on("timeUp", () => {
      if (this.rooms.get(id) === room) this.closeRoom(id, "on_time");
      else room.close("on_time");
    });
    room.on("notice", (notice, by) => this.options.onNotice?.(room, notice, by));
    this.rooms.set(id, room);
    this.roomCreated?.(room);
    return room;
  }

  private async rebuildRoomsOf(dead: types.Worker, replacement: types.Worker): Promise<void> {
    for (const room of this.rooms.values()) {
      if (room.worker !== dead) continue;
      try {
        await room.rebuild(replacement);
        this.options.pool.addLoad(replacement, room.peerCount);
      } catch (error) {
        this.options.logger.error({ room: room.id, err: String(error) }, "could not rebuild room; closing it");
        room.close("worker_died");
      }
    }
  }
}
