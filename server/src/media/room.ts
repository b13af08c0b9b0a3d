import { EventEmitter } from "node:events";
import type { types } from "mediasoup";
import { MediaError, forbidden, invalidState, notFound } from "../errors.ts";
import type { Logger } from "../observability/logger.ts";
import type { PeerInfo, Source } from "../protocol/entities.ts";
import type { EventName, EventPayload } from "../protocol/events.ts";
import type { JoinClaims, RoomKind } from "../protocol/join-token.ts";
import { MEDIA_CODECS } from "./codecs.ts";
import { PEER_LIMITS } from "./peer-limits.ts";
import { consume } from "./consuming.ts";
import { applyDownlinkFloor } from "./downlink-floor.ts";
import { trackProducers, watchDownlink } from "./early-step-down.ts";
import { watchKeyFrames } from "./keyframe-window.ts";
import { canSee } from "./visibility.ts";
import { Peer, type PeerProducer } from "./peer.ts";
import { notifyEach, type PeerChannel } from "./peer-channel.ts";
import { RoomDeadline } from "./room-deadline.ts";
import { assertMayRecord, assertNotEnded, mayReceive, OPEN_TERMS, type RoomTerms } from "./room-terms.ts";
import { NOTICE_PRESET_TEXT_ZH, type NoticePreset, type RoomNotice, type RoomTime } from "../protocol/room-terms.ts";
import type { RoomInfo } from "../protocol/entities.ts";


/**
 * Issue 14: a prepared transport's SCTP association exists only to let the client connect it
 * before the click (one data channel on stream 0 that carries nothing), so one stream each way
 * and small messages; no DataProducer or DataConsumer is ever made on it.
 */
const WARM_SCTP = { enableSctp: true, numSctpStreams: { OS: 1, MIS: 1 }, maxSctpMessageSize: 1024 } as const;

export interface RoomOptions {
  id: string;
  /** Fixed by the first token that opened the room (room-manager.ts). */
  kind?: RoomKind;
  worker: types.Worker;
  logger: Logger;
  listenIp: string;
  announcedIp: string | undefined;
  emptyGraceMs: number;
  reconnectGraceMs: number;
  /** Issue 14: viewers' spatial layers are capped early on a constrained downlink (early-step-down.ts). */
  earlyStepDown?: boolean;
  /** End, privilege and recording, fixed by the first token (room-terms.ts). */
  terms?: RoomTerms;
  /** Seconds before the end at which everyone is warned. */
  warningSeconds?: readonly number[];
  /** Issue 11: the node the room lives on (its unit's node); undefined: this node. */
  home?: string;
}

/** Issue 11: what the media network does for a room spanning nodes (server/src/network/). */
export interface RoomNetworkHooks {
  /** A moderator here muted or unmuted a peer connected to another node: carried to its node. */
  moderate(target: Peer, action: "mute" | "unmute", source: Source | "all"): Promise<void>;
}

/** How a room ended, for the portal only (participants get the neutral reason code). */
export interface CloseDetail {
  /** The moderator's own reason for a termination. */
  note?: string;
  /** Who ended it (identity). */
  by?: string;
}

interface RoomEvents {
  peerJoined: [peer: Peer];
  peerLeft: [peer: Peer, reason: string];
  closed: [reason: string, detail: CloseDetail];
  /** The end time has come: the manager closes the room ("on_time") and remembers it. */
  timeUp: [];
  /** A moderator's notice went out (the portal keeps it in the visit record). */
  notice: [notice: RoomNotice, by: string];
  /** A producer exists (the recorder hooks in here; server/src/recording/). */
  producerAdded: [peer: Peer, entry: PeerProducer];
  /** Issue 11: a peer of this node joined, changed (producers, mute, connection) or left. */
  presence: [];
  /** Issue 11: a peer of this node can receive now (its receiving transport exists). */
  recvReady: [peer: Peer];
}

interface LobbyEntry {
  claims: JoinClaims;
  channel: PeerChannel;
}

export interface JoinOutcome {
  /** true: wait for `admitted` (then join again) or `rejected`. */
  lobby: boolean;
  self: PeerInfo;
  peers: PeerInfo[];
  room: RoomInfo;
  /** The prepared transports the peer now owns (only when the connection offered some). */
  prepared?: string[];
}

/** Producers a moderator's mute paused (they were playing): the unmute resumes exactly these. */
const pausedByModerator = new WeakSet<types.Producer>();

/**
 * A room: one router, its peers and its lobby. Membership, admission and moderation live here;
 * every media object belongs to a Peer.
 */
export class Room extends EventEmitter<RoomEvents> {
  readonly id: string;
  readonly kind: RoomKind;
  readonly terms: RoomTerms;
  readonly home: string | undefined;
  /** Set by the media network when the room spans nodes. */
  network: RoomNetworkHooks | undefined;
  private readonly deadline: RoomDeadline | undefined;
  private noticeCount = 0;
  private router!: types.Router;
  /** Every producer on the current router, piped ones too: the early step-down reads their layers. */
  private producerOf: (id: string) => types.Producer | undefined = () => undefined;
  private audioObserver!: types.AudioLevelObserver;
  worker: types.Worker;
  private readonly peers = new Map<string, Peer>();
  private readonly lobby = new Map<string, LobbyEntry>();
  /** Identities a moderator admitted (they skip the lobby when they reconnect). */
  private readonly admitted = new Set<string>();
  /** Identities a moderator removed or rejected: their token no longer opens this room. */
  private readonly barred = new Map<string, string>();
  private locked = false;
  private closed = false;
  /**
   * A room made for prepared transports (a console ready before its roll call opens) that
   * nobody then joined, waited in or reached from another node never existed for the portal:
   * its closing is not reported (the portal would set the unknown room's event aside).
   */
  private preparedOnly: boolean | undefined;
  private activeSpeaker: string | null = null;
  private emptyTimer: NodeJS.Timeout | undefined;
  /**
   * Prepared transports made here and not yet adopted by a join (issue 14). While a connection
   * holds some, someone is about to join: an officer's console is ready before the roll call
   * opens, and the room exists on the node only because of it. The empty-grace timer does not
   * close the room under them; they go with their socket or after MEDIA_PREPARED_TRANSPORT_SECONDS
   * (prepared-transports.ts), and the room's grace starts then.
   */
  private readonly preparedHeld = new Set<types.WebRtcTransport>();
  private readonly logger: Logger;

  private constructor(private readonly options: RoomOptions) {
    super();
    this.id = options.id;
    this.kind = options.kind ?? "meeting";
    this.terms = options.terms ?? OPEN_TERMS;
    this.home = options.home;
    this.worker = options.worker;
    this.logger = options.logger.child({ room: options.id });
    if (this.terms.endsAtMs !== null) {
      this.deadline = new RoomDeadline(this.terms.endsAtMs, options.warningSeconds ?? [], {
        warn: (thresholdSeconds, remainingMs) => {
          this.logger.info({ thresholdSeconds, remainingMs }, "room ends soon");
          this.notifyAll("roomTimeWarning", { thresholdSeconds, remainingMs });
        },
        end: () => this.emit("timeUp"),
      });
    }
  }

  static async create(options: RoomOptions): Promise<Room> {
    const room = new Room(options);
    await room.createRouter(options.worker);
    room.scheduleCloseIfEmpty();
    return room;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** The room's current router (a new one after a worker death): for the recorder's consumers. */
  get mediaRouter(): types.Router {
    return this.router;
  }

  get rtpCapabilities(): types.RtpCapabilities {
    return this.router.rtpCapabilities;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  allPeers(): IterableIterator<Peer> {
    return this.peers.values();
  }

  findPeer(id: string): Peer | undefined {
    return this.peers.get(id);
  }

  peer(id: string): Peer {
    const peer = this.peers.get(id);
    if (!peer) throw notFound("Peer");
    return peer;
  }

  /**
   * Whether this token could join now (the lobby aside): closed, ended, barred and locked are
   * refused the same way for a join and for transports made before it.
   */
  assertMayJoin(claims: JoinClaims): void {
    if (this.closed) throw new MediaError("room_closed", "The room has been closed");
    assertNotEnded(this.terms);
    const bar = this.barred.get(claims.sub);
    if (bar) throw forbidden(bar);
    if (!this.peers.has(claims.sub) && !claims.grants.moderate && this.locked) throw new MediaError("room_locked", "The room is locked");
  }

  /**
   * Admission: lobby, lock and bars are decided here, on the server, never in the page.
   * `prepared`: the transports this connection made before joining (issue 14); the live ones
   * become the peer's when it is let in, and their ids come back in `prepared`.
   */
  async join(claims: JoinClaims, channel: PeerChannel, rtpCapabilities: types.RtpCapabilities, prepared?: () => types.WebRtcTransport[]): Promise<JoinOutcome> {
    this.assertMayJoin(claims);
    const returning = this.peers.get(claims.sub);
    const moderator = claims.grants.moderate;
    this.preparedOnly = false;
    if (!returning && !moderator && claims.lobby && !this.admitted.has(claims.sub)) {
      this.lobby.set(claims.sub, { claims, channel });
      this.notifyLobbyChanged();
      this.logger.info({ peer: claims.sub }, "waiting in the lobby");
      const self = new Peer(claims, channel).info();
      return { lobby: true, self, peers: [], room: this.info() };
    }
    this.lobby.delete(claims.sub);
    clearTimeout(this.emptyTimer);

    let peer: Peer;
    if (returning) {
      // Same identity again (reconnect, second tab, rejoin after a worker restart): it takes its
      // old place; the old connection's media is dropped and rebuilt by the new one.
      if (returning.channel !== channel) returning.channel.disconnect();
      clearTimeout(returning.reconnectTimer);
      returning.closeMedia();
      returning.channel = channel;
      returning.connected = true;
      peer = returning;
      this.broadcast("peerUpdated", { peer: peer.info() }, peer);
    } else {
      peer = new Peer(claims, channel);
      this.peers.set(peer.id, peer);
      this.broadcast("peerJoined", { peer: peer.info() }, peer);
      this.emit("peerJoined", peer);
    }
    peer.rtpCapabilities = rtpCapabilities;
    const adopted = prepared ? this.adoptTransports(peer, prepared()) : [];
    this.logger.info({ peer: peer.id, returning: Boolean(returning), prepared: adopted.length }, "peer joined");
    if (moderator) channel.notify("lobbyChanged", { waiting: this.lobbyList() });
    return {
      lobby: false,
      self: peer.info(),
      peers: this.visiblePeersFor(peer).map((p) => p.info()),
      room: this.info(),
      ...(prepared ? { prepared: adopted } : {}),
    };
  }

  /** What every participant learns of the room when it joins. */
  info(): RoomInfo {
    // Every visit that is not privileged is recorded (issue 9), whether or not its token says so.
    const mustRecord = this.terms.mustRecord || (this.kind === "visit" && !this.terms.privileged);
    return { id: this.id, kind: this.kind, locked: this.locked, time: this.time(), privileged: this.terms.privileged, mustRecord };
  }

  time(): RoomTime {
    return {
      endsAt: this.terms.endsAtMs,
      remainingMs: this.deadline ? this.deadline.remainingMs() : null,
      warningSeconds: this.deadline ? [...this.deadline.warningSeconds].sort((a, b) => b - a) : [],
    };
  }

  /** For the recorder (issue 10): refuses for a privileged room. */
  assertMayRecord(): void {
    assertMayRecord(this.terms);
  }

  async createTransport(peer: Peer, direction: "send" | "recv"): Promise<types.WebRtcTransport> {
    if (direction === "send" && !peer.grants.publish) throw forbidden("This token may not publish");
    if (peer.transports.size >= PEER_LIMITS.transports) throw new MediaError("limit_exceeded", `At most ${PEER_LIMITS.transports} transports`);
    const epoch = peer.mediaEpoch;
    const transport = await this.newWebRtcTransport(peer.id, direction);
    if (this.closed || peer.isClosed || peer.mediaEpoch !== epoch || this.peers.get(peer.id) !== peer) {
      transport.close();
      throw invalidState("Left the room while the transport was being created");
    }
    this.attachTransport(peer, transport);
    return transport;
  }

  /**
   * Issue 14: a transport for a connection that has not joined yet (the join screen, a person
   * waiting on a link). It is nobody's in the room until `join` adopts it; the same rules as a
   * join refuse it (closed, ended, barred, locked) and a token that may not publish gets no
   * sending one. The caller (the signaling session) owns and bounds it.
   */
  async createPreparedTransport(claims: JoinClaims, direction: "send" | "recv"): Promise<types.WebRtcTransport> {
    this.assertMayJoin(claims);
    if (direction === "send" && (!claims.grants.publish || claims.grants.observe)) throw forbidden("This token may not publish");
    // SCTP only here: the client opens a data channel that never carries anything, only so that
    // mediasoup-client connects (ICE + DTLS) before the click (warm-transport.ts in the browser).
    const transport = await this.newWebRtcTransport(claims.sub, direction, true);
    if (this.closed) {
      transport.close();
      throw new MediaError("room_closed", "The room has been closed");
    }
    this.preparedHeld.add(transport);
    this.preparedOnly ??= true;
    clearTimeout(this.emptyTimer);
    transport.observer.once("close", () => {
      if (this.preparedHeld.delete(transport)) this.scheduleCloseIfEmpty();
    });
    return transport;
  }

  /** The live prepared transports become the peer's, within its limit; the rest are closed. */
  private adoptTransports(peer: Peer, transports: types.WebRtcTransport[]): string[] {
    const adopted: string[] = [];
    for (const transport of transports) {
      const direction = (transport.appData as { direction?: string }).direction;
      const taken = [...peer.transports.values()].some((t) => (t.appData as { direction?: string }).direction === direction);
      if (transport.closed || taken || peer.transports.size >= PEER_LIMITS.transports || (direction === "send" && !peer.grants.publish)) {
        transport.close();
        continue;
      }
      this.preparedHeld.delete(transport);
      this.attachTransport(peer, transport);
      adopted.push(transport.id);
    }
    return adopted;
  }

  private async newWebRtcTransport(peerId: string, direction: "send" | "recv", warmable = false): Promise<types.WebRtcTransport> {
    const transport = await this.router.createWebRtcTransport({
      listenIps: [{ ip: this.options.listenIp, announcedIp: this.options.announcedIp }],
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
      ...(warmable ? WARM_SCTP : {}),
      appData: { peerId, direction },
    });
    if (direction === "recv") {
      await applyDownlinkFloor(transport);
      this.watchDownlink(transport);
    }
    return transport;
  }

  /**
   * A transport that sends this room's simulcast streams somewhere bandwidth may run short (a
   * viewer's, or a link's layers transport toward a parent node): its spatial layers step down
   * early (early-step-down.ts), unless MEDIA_EARLY_STEP_DOWN=0.
   */
  watchDownlink(transport: types.Transport): void {
    if (this.options.earlyStepDown) watchDownlink(transport, this.producerOf, this.logger);
  }

  private attachTransport(peer: Peer, transport: types.WebRtcTransport): void {
    const direction = (transport.appData as { direction?: string }).direction;
    peer.transports.set(transport.id, transport);
    transport.on("dtlsstatechange", (state) => {
      if (state === "failed" || state === "closed") this.logger.warn({ peer: peer.id, transport: transport.id, state }, "DTLS state");
    });
    if (direction === "recv") {
      // A new receiving transport gets every producer already in the room.
      queueMicrotask(() => {
        void this.consumeAllFor(peer);
        this.emit("recvReady", peer);
      });
    }
  }

  async produce(peer: Peer, transportId: string, kind: types.MediaKind, rtpParameters: types.RtpParameters, source: Source) {
    if (!peer.grants.publish || peer.isObserver) throw forbidden("This token may not publish");
    if ((source === "mic") !== (kind === "audio")) throw new MediaError("invalid_message", `Source ${source} cannot carry ${kind}`);
    if ([...peer.producers.values()].some((p) => p.source === source)) throw invalidState(`Already publishing ${source}`);
    const transport = peer.transport(transportId);
    const mutedByModerator = peer.mutedSources.has(source);
    const producer = await transport.produce({ kind, rtpParameters, paused: mutedByModerator, appData: { peerId: peer.id, source } });
    watchKeyFrames(producer);
    const entry = { producer, source, mutedByModerator };
    // Paused only because of the hold: lifting the hold lets it play.
    if (mutedByModerator) pausedByModerator.add(producer);
    peer.producers.set(producer.id, entry);
    if (mutedByModerator) peer.channel.notify("mutedByModerator", { producerId: producer.id, source });
    producer.on("transportclose", () => peer.producers.delete(producer.id));
    if (kind === "audio") await this.audioObserver.addProducer({ producerId: producer.id }).catch(() => {});
    this.broadcast("peerUpdated", { peer: peer.info() }, peer);
    for (const other of this.peers.values()) {
      if (other !== peer && other.connected && this.mayConsume(other, peer, entry)) void consume(this.router, other, peer, entry, this.logger);
    }
    this.emit("producerAdded", peer, entry);
    return producer;
  }

  closeProducer(peer: Peer, producerId: string): void {
    const { producer } = peer.producer(producerId);
    producer.close();
    peer.producers.delete(producerId);
    this.broadcast("peerUpdated", { peer: peer.info() }, peer);
  }

  async setProducerPaused(peer: Peer, producerId: string, paused: boolean): Promise<void> {
    const entry = peer.producer(producerId);
    if (!paused && entry.mutedByModerator) throw forbidden("A moderator muted this; ask them to unmute you");
    // The peer's own mute from now on: lifting a moderator's hold must not undo it.
    if (paused) pausedByModerator.delete(entry.producer);
    if (paused) await entry.producer.pause();
    else await entry.producer.resume();
    this.broadcast("peerUpdated", { peer: peer.info() }, peer, { toSubject: true });
  }

  // — moderation —

  async mutePeer(targetId: string, source: Source | "all"): Promise<void> {
    const target = this.peer(targetId);
    if (target.via && this.network) return this.network.moderate(target, "mute", source);
    // Held even while the peer has nothing of that source (between a reconnect and its produce).
    if (source !== "all") target.mutedSources.add(source);
    for (const entry of target.producers.values()) {
      if (source !== "all" && entry.source !== source) continue;
      if (!entry.producer.paused) pausedByModerator.add(entry.producer);
      await entry.producer.pause();
      entry.mutedByModerator = true;
      target.mutedSources.add(entry.source);
      target.channel.notify("mutedByModerator", { producerId: entry.producer.id, source: entry.source });
    }
    this.broadcast("peerUpdated", { peer: target.info() }, target, { toSubject: true });
  }

  /**
   * Lifts a moderator's mute. What the moderator paused plays again; a source the peer had
   * paused itself before the mute stays paused (its own choice is not overridden).
   */
  async unmutePeer(targetId: string, source: Source | "all"): Promise<void> {
    const target = this.peer(targetId);
    if (target.via && this.network) return this.network.moderate(target, "unmute", source);
    const sources = new Set<Source>(source === "all" ? target.mutedSources : [source]);
    for (const entry of target.producers.values()) {
      if (!entry.mutedByModerator || (source !== "all" && entry.source !== source)) continue;
      sources.add(entry.source);
      entry.mutedByModerator = false;
      if (pausedByModerator.delete(entry.producer)) await entry.producer.resume();
    }
    for (const s of sources) {
      target.mutedSources.delete(s);
      target.channel.notify("unmutedByModerator", { source: s });
    }
    this.broadcast("peerUpdated", { peer: target.info() }, target, { toSubject: true });
  }

  /** A monitor's notice to everyone in the room (and the lobby: the visitor waiting sees it too). */
  sendNotice(from: Pick<Peer, "id">, request: { preset: NoticePreset } | { text: string }): RoomNotice {
    const notice: RoomNotice =
      "preset" in request
        ? { noticeId: `${this.id}:${++this.noticeCount}`, preset: request.preset, text: NOTICE_PRESET_TEXT_ZH[request.preset], sentAt: Date.now() }
        : { noticeId: `${this.id}:${++this.noticeCount}`, preset: null, text: request.text, sentAt: Date.now() };
    this.notifyAll("roomNotice", notice);
    this.logger.info({ by: from.id, preset: notice.preset, noticeId: notice.noticeId }, "notice sent");
    this.emit("notice", notice, from.id);
    return notice;
  }

  removePeer(targetId: string, reason: string): void {
    const target = this.peer(targetId);
    const why = reason || "Removed by the host";
    this.barred.set(target.id, why);
    target.channel.notify("removed", { reason: why });
    target.channel.disconnect();
    this.dropPeer(target, "removed");
  }

  /** The name goes to everyone; the challenge only to the called peer (never to the others). */
  spotlight(peerId: string, name: string, challenge: { kind: "digits" | "head"; value: string } | undefined): void {
    const target = this.peer(peerId);
    this.broadcast("spotlight", { peerId, name });
    if (challenge) target.channel.notify("challenge", challenge);
  }

  /** The officer's mark, to the marked peer alone: nobody else learns another person's status. */
  tellMarked(peerId: string, marked: { status: "present" | "late" | "excused" | "absent"; makeUp: boolean }): void {
    this.peer(peerId).channel.notify("marked", marked);
  }

  /** The call is over: every page drops the banner, the called person's page its challenge. */
  clearSpotlight(): void {
    this.broadcast("spotlight", { peerId: null, name: null });
  }

  lock(locked: boolean): void {
    this.locked = locked;
    this.broadcast("roomLocked", { locked });
  }

  admit(peerId: string): void {
    const entry = this.lobby.get(peerId);
    if (!entry) throw notFound("Waiting peer");
    this.lobby.delete(peerId);
    this.admitted.add(peerId);
    entry.channel.notify("admitted", {});
    this.notifyLobbyChanged();
  }

  reject(peerId: string, reason: string): void {
    const entry = this.lobby.get(peerId);
    if (!entry) throw notFound("Waiting peer");
    const why = reason || "The host did not admit you";
    this.lobby.delete(peerId);
    this.barred.set(peerId, why);
    entry.channel.notify("rejected", { reason: why });
    entry.channel.disconnect();
    this.notifyLobbyChanged();
  }

  // — presence —

  /** The connection dropped: keep the place for the grace period, then give it up. */
  disconnected(peerId: string, channel: PeerChannel): void {
    this.leaveLobby(peerId, channel);
    const peer = this.peers.get(peerId);
    if (!peer || peer.channel !== channel) return;
    peer.connected = false;
    this.broadcast("peerUpdated", { peer: peer.info() }, peer);
    peer.reconnectTimer = setTimeout(() => this.dropPeer(peer, "timeout"), this.options.reconnectGraceMs);
  }

  /** Leaving from the lobby takes the place in the queue back too (the host stopped seeing it). */
  leave(peerId: string, channel: PeerChannel): void {
    this.leaveLobby(peerId, channel);
    const peer = this.peers.get(peerId);
    // Another connection of the same identity (a newer tab) is not this one's to end.
    if (peer && peer.channel === channel) this.dropPeer(peer, "left");
  }

  /** False for a room only ever prepared in (see preparedOnly). */
  get reportable(): boolean {
    return this.preparedOnly !== true;
  }

  close(reason: string, detail: CloseDetail = {}): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.emptyTimer);
    this.deadline?.stop();
    for (const peer of this.peers.values()) {
      peer.channel.notify("roomClosed", { reason });
      peer.channel.disconnect();
      peer.close();
    }
    for (const entry of this.lobby.values()) {
      entry.channel.notify("roomClosed", { reason });
      entry.channel.disconnect();
    }
    this.peers.clear();
    this.lobby.clear();
    this.router.close();
    this.logger.info({ reason, ...detail }, "room closed");
    this.emit("closed", reason, detail);
  }

  /** After a worker death: a fresh router on the replacement, and every client told to rejoin. */
  async rebuild(worker: types.Worker): Promise<void> {
    this.worker = worker;
    for (const peer of this.peers.values()) peer.closeMedia();
    await this.createRouter(worker);
    for (const peer of this.peers.values()) peer.channel.notify("reconnect", { reason: "worker_died", retryAfterMs: 0 });
    this.logger.warn({ worker: worker.pid }, "room rebuilt on a new worker");
  }

  // — issue 11: peers of other nodes (server/src/network/) —

  /** A peer connected to another node appears (or changes): presence follows the visibility rules. */
  upsertRemotePeer(peer: Peer): void {
    if (this.closed) return;
    const existing = this.peers.get(peer.id);
    // The same identity connected here is the one that counts.
    if (existing && !existing.via) return;
    this.preparedOnly = false;
    clearTimeout(this.emptyTimer);
    this.peers.set(peer.id, peer);
    this.broadcast(existing ? "peerUpdated" : "peerJoined", { peer: peer.info() }, peer);
  }

  removeRemotePeer(peer: Peer): void {
    if (this.peers.get(peer.id) !== peer) return;
    this.peers.delete(peer.id);
    peer.close();
    this.broadcast("peerLeft", { peerId: peer.id }, peer);
    this.scheduleCloseIfEmpty();
  }

  /** A producer piped in from another node: offered to every peer here that may receive it. */
  offerProducer(producerPeer: Peer, entry: PeerProducer): void {
    for (const other of this.peers.values()) {
      if (other !== producerPeer && other.connected && this.mayConsume(other, producerPeer, entry)) void consume(this.router, other, producerPeer, entry, this.logger);
    }
  }

  /** Whether `viewer` may receive a `kind` stream of `producerPeer` (visibility, then the room's terms). */
  mayReceiveFrom(viewer: Peer, producerPeer: Peer, kind: "audio" | "video"): boolean {
    return canSee(viewer, producerPeer) && mayReceive(this.terms, viewer, kind);
  }

  /** To this node's moderators only. */
  notifyModerators<K extends Exclude<EventName, "newConsumer">>(event: K, payload: EventPayload<K>): void {
    for (const peer of this.peers.values()) if (!peer.via && peer.grants.moderate) peer.channel.notify(event, payload);
  }

  notifyAll<K extends Exclude<EventName, "newConsumer">>(event: K, payload: EventPayload<K>): void {
    for (const peer of this.peers.values()) peer.channel.notify(event, payload);
    for (const entry of this.lobby.values()) entry.channel.notify(event, payload);
  }

  private async createRouter(worker: types.Worker): Promise<void> {
    this.router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    this.producerOf = trackProducers(this.router);
    this.audioObserver = await this.router.createAudioLevelObserver({ maxEntries: 1, threshold: -70, interval: 400 });
    this.audioObserver.on("volumes", (volumes) => {
      const peerId = (volumes[0]?.producer.appData as { peerId?: string } | undefined)?.peerId ?? null;
      this.setActiveSpeaker(peerId);
    });
    this.audioObserver.on("silence", () => this.setActiveSpeaker(null));
  }

  private setActiveSpeaker(peerId: string | null): void {
    if (peerId === this.activeSpeaker) return;
    this.activeSpeaker = peerId;
    const speaker = peerId === null ? undefined : this.peers.get(peerId);
    // Someone a peer may not see is, for that peer, nobody speaking.
    for (const peer of this.peers.values()) {
      const hidden = speaker && peer !== speaker && (!canSee(peer, speaker) || !mayReceive(this.terms, peer, "audio"));
      peer.channel.notify("activeSpeaker", { peerId: hidden ? null : peerId });
    }
  }

  /**
   * A late joiner's offers, all at once rather than one after another, and video first: the
   * client builds consumers one renegotiation at a time, so the first one it gets should be the
   * picture (the voice follows a few tens of milliseconds later).
   */
  private async consumeAllFor(peer: Peer): Promise<void> {
    const wanted: Array<{ other: Peer; entry: PeerProducer }> = [];
    for (const other of this.peers.values()) {
      if (other === peer) continue;
      for (const entry of other.producers.values()) if (this.mayConsume(peer, other, entry)) wanted.push({ other, entry });
    }
    wanted.sort((a, b) => Number(a.entry.producer.kind === "audio") - Number(b.entry.producer.kind === "audio"));
    const offers = wanted.map(({ other, entry }) => consume(this.router, peer, other, entry, this.logger));
    for (const result of await Promise.allSettled(offers)) {
      if (result.status === "rejected") this.logger.warn({ peer: peer.id, err: String(result.reason) }, "could not consume a producer");
    }
  }

  /** Visibility, then the privileged room's rule: staff and observers never receive its audio. */
  private mayConsume(viewer: Peer, producerPeer: Peer, entry: PeerProducer): boolean {
    return canSee(viewer, producerPeer) && mayReceive(this.terms, viewer, entry.producer.kind);
  }

  private dropPeer(peer: Peer, reason: string): void {
    if (this.peers.get(peer.id) !== peer) return;
    this.peers.delete(peer.id);
    peer.close();
    this.broadcast("peerLeft", { peerId: peer.id }, peer);
    this.logger.info({ peer: peer.id, reason }, "peer left");
    this.emit("peerLeft", peer, reason);
    this.scheduleCloseIfEmpty();
  }

  private scheduleCloseIfEmpty(): void {
    if (this.peers.size > 0 || this.lobby.size > 0 || this.preparedHeld.size > 0 || this.closed) return;
    clearTimeout(this.emptyTimer);
    this.emptyTimer = setTimeout(() => {
      if (this.peers.size === 0 && this.lobby.size === 0 && this.preparedHeld.size === 0) this.close("empty");
    }, this.options.emptyGraceMs);
  }

  private visiblePeersFor(viewer: Peer): Peer[] {
    return [...this.peers.values()].filter((p) => p !== viewer && canSee(viewer, p));
  }

  /** To every peer, or, for an event `about` one peer, to those who may see it (and it, if `toSubject`). */
  private broadcast<K extends Exclude<EventName, "newConsumer">>(event: K, payload: EventPayload<K>, about?: Peer, { toSubject = false } = {}): void {
    if (about && !about.via && (event === "peerJoined" || event === "peerUpdated" || event === "peerLeft")) this.emit("presence");
    const recipients: PeerChannel[] = [];
    for (const peer of this.peers.values()) {
      if (peer === about && !toSubject) continue;
      if (about && peer !== about && !canSee(peer, about)) continue;
      recipients.push(peer.channel);
    }
    notifyEach(recipients, event, payload);
  }

  /** The moderators stop seeing the waiting peer, and an empty room may close. */
  private leaveLobby(peerId: string, channel: PeerChannel): void {
    if (this.lobby.get(peerId)?.channel !== channel) return;
    this.lobby.delete(peerId);
    this.notifyLobbyChanged();
    this.scheduleCloseIfEmpty();
  }

  private lobbyList() {
    return [...this.lobby.values()].map(({ claims }) => ({ peerId: claims.sub, name: claims.name }));
  }

  private notifyLobbyChanged(): void {
    const waiting = this.lobbyList();
    for (const peer of this.peers.values()) if (peer.grants.moderate) peer.channel.notify("lobbyChanged", { waiting });
  }
}
