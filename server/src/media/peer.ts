import type { types } from "mediasoup";
import type { PeerInfo, Source } from "../protocol/entities.ts";
import type { JoinClaims } from "../protocol/join-token.ts";
import { notFound } from "../errors.ts";
import type { PeerChannel } from "./peer-channel.ts";

export interface PeerProducer {
  readonly producer: types.Producer;
  readonly source: Source;
  mutedByModerator: boolean;
}

/**
 * One participant's place in a room: identity and grants from its token, its current channel,
 * and the media objects it owns. Closing the peer closes its transports, and with them its
 * producers and consumers.
 */
export class Peer {
  readonly id: string;
  readonly name: string;
  readonly role: JoinClaims["role"];
  readonly grants: JoinClaims["grants"];
  readonly sees: JoinClaims["sees"];
  /** An observer nobody else is told of (remote inspection); see visibility.ts. */
  readonly unlisted: boolean;
  /** Issue 11: the neighbour node this peer is connected through; undefined for this node's own peers. */
  via: string | undefined;
  channel: PeerChannel;
  connected = true;
  rtpCapabilities: types.RtpCapabilities | undefined;
  readonly transports = new Map<string, types.WebRtcTransport>();
  readonly producers = new Map<string, PeerProducer>();
  readonly consumers = new Map<string, types.Consumer>();
  /**
   * Sources a moderator muted. They stay muted when the peer produces them again (after a
   * reconnect, a worker restart or a page reload): only the place is kept, not the producers.
   */
  readonly mutedSources = new Set<Source>();
  /** Running while the peer is disconnected: when it fires, the place is given up. */
  reconnectTimer: NodeJS.Timeout | undefined;
  /**
   * Bumped whenever the peer's media is dropped: a transport whose creation began before that
   * belongs to a connection that is gone, and is closed instead of kept (it used to leak).
   */
  mediaEpoch = 0;
  private closed = false;

  constructor(claims: JoinClaims, channel: PeerChannel) {
    this.id = claims.sub;
    this.name = claims.name;
    this.role = claims.role;
    this.grants = claims.grants;
    this.sees = claims.sees;
    this.unlisted = claims.unlisted === true && claims.grants.observe;
    this.channel = channel;
  }

  get isStaff(): boolean {
    return this.role === "staff";
  }

  get isObserver(): boolean {
    return this.grants.observe;
  }

  get recvTransport(): types.WebRtcTransport | undefined {
    return [...this.transports.values()].find((t) => (t.appData as { direction?: string }).direction === "recv");
  }

  transport(id: string): types.WebRtcTransport {
    const transport = this.transports.get(id);
    if (!transport) throw notFound("Transport");
    return transport;
  }

  producer(id: string): PeerProducer {
    const entry = this.producers.get(id);
    if (!entry) throw notFound("Producer");
    return entry;
  }

  consumer(id: string): types.Consumer {
    const consumer = this.consumers.get(id);
    if (!consumer) throw notFound("Consumer");
    return consumer;
  }

  info(): PeerInfo {
    return {
      id: this.id,
      name: this.name,
      role: this.role,
      moderator: this.grants.moderate,
      observer: this.isObserver,
      connected: this.connected,
      producers: [...this.producers.values()].map(({ producer, source, mutedByModerator }) => ({
        id: producer.id,
        kind: producer.kind,
        source,
        paused: producer.paused,
        mutedByModerator,
      })),
    };
  }

  /** Drops all media (a rejoin builds it again) but keeps the place. */
  closeMedia(): void {
    this.mediaEpoch++;
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.closeMedia();
  }
}
