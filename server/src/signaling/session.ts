import { assertMayEnter } from "../auth/room-admission.ts";
import type { JoinTokenVerifier } from "../auth/verify-join-token.ts";
import { forbidden, invalidState } from "../errors.ts";
import type { PeerChannel } from "../media/peer-channel.ts";
import type { Peer } from "../media/peer.ts";
import type { Room } from "../media/room.ts";
import { termsOf } from "../media/room-terms.ts";
import type { RoomManager } from "../media/room-manager.ts";
import { socketChannel, type MediaSocket } from "../media/socket-channel.ts";
import type { Logger } from "../observability/logger.ts";
import type { MediaMetrics } from "../observability/metrics.ts";
import type { RecordingManager } from "../recording/recording-manager.ts";
import type { JoinClaims } from "../protocol/join-token.ts";
import { fairTurn } from "./fair-turn.ts";
import type { SignalingLimits } from "./limits.ts";
import { PreparedTransports } from "./prepared-transports.ts";
import { SerialQueue } from "./serial-queue.ts";

export interface SignalingDeps {
  rooms: RoomManager;
  logger: Logger;
  metrics: MediaMetrics;
  limits: SignalingLimits;
  recordings?: RecordingManager;
  /** Issue 11: this node's id and, in a network, its `home` default (a token's `node` must name this node). */
  nodeId?: string;
}

/** What a token sent with `join` must share with the socket's own. */
const SAME_CONNECTION = ["room", "sub", "kind", "node", "home"] as const;

/**
 * One client connection. The room and the identity come from the verified token only: no
 * message can name another room or another peer's media.
 */
export class SignalingSession {
  readonly channel: PeerChannel;
  readonly logger: Logger;
  /** This connection's requests, one at a time (serial-queue.ts says why). */
  readonly queue: SerialQueue;
  /** Transports made before `join` (issue 14), released with the socket or after a deadline. */
  readonly prepared: PreparedTransports;
  /** The verified token's; a prepare-only one is replaced by the join's (adoptJoinToken). */
  private current: JoinClaims;

  constructor(
    readonly socket: MediaSocket,
    claims: JoinClaims,
    readonly deps: SignalingDeps,
    private readonly verify: JoinTokenVerifier,
  ) {
    this.current = claims;
    this.channel = socketChannel(socket);
    this.logger = deps.logger.child({ room: claims.room, peer: claims.sub, socket: socket.id });
    this.queue = new SerialQueue(deps.limits.maxQueued);
    this.prepared = new PreparedTransports(deps.limits.preparedTransportTtlMs, this.logger);
  }

  get claims(): JoinClaims {
    return this.current;
  }

  /**
   * Issue 14: the join token a waiting person's page sends with `join` on the socket it prepared
   * with a prepare-only token. Only for the same room, bearer and node: a token can neither move
   * a connection to another room nor make it someone else (those need a socket of their own).
   */
  async adoptJoinToken(token: string): Promise<void> {
    const next = await this.verify(token);
    const same = SAME_CONNECTION.every((claim) => next[claim] === this.current[claim]);
    if (!same) throw forbidden("This join token is for another room or person than this connection: open the link again");
    this.current = next;
  }

  /**
   * The token's room, created on first use; a token that may not enter it (a guest in a roll
   * call) is refused here. Callers resume one per event-loop turn (fair-turn.ts).
   */
  async room(): Promise<Room> {
    assertMayEnter(this.claims);
    const { nodeId } = this.deps;
    if (this.claims.node !== undefined && nodeId !== undefined && this.claims.node !== nodeId) {
      throw forbidden(`This link is for media node ${this.claims.node}, not ${nodeId}: open the room from its link again`);
    }
    // Without a `home` the room lives here, as on a lone node.
    const home = this.claims.home === undefined || this.claims.home === nodeId ? undefined : this.claims.home;
    const room = await this.deps.rooms.getOrCreate(this.claims.room, this.claims.kind, termsOf(this.claims), home);
    await fairTurn();
    return room;
  }

  /** The peer this connection joined as; refuses anything before `join` (or while in the lobby). */
  async joinedPeer(): Promise<{ room: Room; peer: Peer }> {
    const joined = this.joinedPeerOrNone();
    if (!joined) throw invalidState("Join the room first");
    return joined;
  }

  joinedPeerOrNone(): { room: Room; peer: Peer } | undefined {
    const room = this.deps.rooms.get(this.claims.room);
    const peer = room?.findPeer(this.claims.sub);
    return room && peer && peer.channel === this.channel ? { room, peer } : undefined;
  }
}
