import { Device, type types } from "mediasoup-client";
import type { PeerInfo, Source } from "../../../server/src/protocol/entities.ts";
import type { EventPayload } from "../../../server/src/protocol/events.ts";
import { INITIAL_STATE, type CallState, type EndReason, type LocalProducer, type RemoteTrack } from "./call-state.ts";
import { connectSignaling, request, SignalingError, type SignalingSocket } from "./signaling-client.ts";
import { callKindOfRoom, type CallKind } from "./camera-encodings.ts";
import { layerForTileHeight, pickVideoCodec } from "./simulcast.ts";
import { clockFrom } from "./room-clock.ts";
import type { RoomInfo } from "../../../server/src/protocol/entities.ts";
import type { RequestPayload } from "../../../server/src/protocol/requests.ts";
import { iceServersOf, publishingRoomKindOf } from "./token-payload.ts";
import { warmTransport } from "./warm-transport.ts";

export interface CallOptions {
  mediaUrl: string;
  /**
   * The join token, or its promise: the socket can open while the portal is still signing the
   * token, and authenticates the moment it arrives (a rejected promise never authenticates;
   * close the session then).
   */
  token: string | Promise<string>;
  /**
   * A fresh join token from the portal. Asked when the node refuses the current one (it expired
   * during a long call and a network blip or a node restart made us reconnect); without it, or
   * when the fresh token is refused too, the refusal ends the call.
   */
  refreshToken?: () => Promise<string>;
  /**
   * Tests in Node pass mediasoup-client's FakeHandler factory; pages pass browserHandlerFactory()
   * (native capabilities asked once). Without one the Device detects the browser itself.
   */
  handlerFactory?: types.HandlerFactory;
  /**
   * The user's click on "join", when the session is made before it (a prepared join screen): the
   * socket authenticates and the device loads the room's capabilities at once, and `join` waits
   * for this. Without it the session joins as soon as it is connected.
   */
  gate?: Promise<unknown>;
  /**
   * Issue 14: `token` is prepare-only (a person waiting for a roll call to open: the node lets it
   * make and connect transports, never join). The join waits for this one, sends it, and the
   * session authenticates with it from then on. It stands for the gate when there is none.
   */
  joinToken?: Promise<string>;
}

type Listener = (state: CallState) => void;

export interface PublishOptions {
  /** "pair" when the call is known to stay 1:1 (a visit): one encoding instead of simulcast. */
  call?: CallKind;
}

const ICE_DISCONNECTED_GRACE_MS = 2000;
/** Transports prepared on a join screen are asked again this long before the node would drop them. */
const PREPARED_RENEW_MARGIN_MS = 10_000;

interface PreparedPair {
  recv: types.Transport | undefined;
  send: types.Transport | undefined;
  expiresInMs: number | undefined;
}

const NOTHING_PREPARED: PreparedPair = { recv: undefined, send: undefined, expiresInMs: undefined };
/** Notices kept in the state (the banner shows the last; a monitor's page may list them). */
const MAX_NOTICES = 20;
/** After the network comes back, a socket that cannot answer this fast is presumed dead. */
const LIVENESS_PROBE_MS = 3000;

/**
 * One participant's call: signaling, the mediasoup device, transports, local producers and remote
 * consumers, kept alive across network changes, ICE failures, worker restarts and node drains
 * without the user doing anything. The UI reads `getState()` and calls the methods.
 */
export interface InboundVideoStat {
  consumerId: string;
  peerId: string;
  framesDecoded: number;
  framesPerSecond: number;
  frameHeight: number;
  bytesReceived: number;
  forwarded: RemoteTrack["forwarded"] | null;
}

export class CallSession {
  private state: CallState = INITIAL_STATE;
  private readonly listeners = new Set<Listener>();
  private readonly socket: SignalingSocket;
  private device: Device | undefined;
  private sendTransport: types.Transport | undefined;
  private recvTransport: types.Transport | undefined;
  /** Transports made before the join and not yet the call's (issue 14): closed if it never comes. */
  private readonly preparing = new Set<types.Transport>();
  /** The node's deadline for them, as it last said (createTransport's `expiresInMs`). */
  private preparedTtlMs: number | undefined;
  /** The gate (the user's click) has let a join through: later rejoins do not wait for it. */
  private clicked = false;
  /** This socket connection has joined the room (the node's session is in it). */
  private joinedOnSocket = false;
  private recvReady!: (transport: types.Transport) => void;
  private recvTransportReady!: Promise<types.Transport>;
  private readonly consumers = new Map<string, types.Consumer>();
  private readonly producers = new Map<Source, types.Producer>();
  /** Local tracks survive reconnections: every rejoin produces them again. */
  private readonly localTracks = new Map<Source, MediaStreamTrack>();
  /** Kept with the track: a rejoin must produce it with the same encodings. */
  private readonly callKinds = new Map<Source, CallKind>();
  /** The room's kind from the node's join answer: decides simulcast or not (callKindOfRoom). */
  private roomKind: string | undefined;
  /** Sources the user paused (muted, camera off): a rejoin must not switch them back on. */
  private readonly pausedSources = new Set<Source>();
  /** Sources a moderator muted; the node keeps them muted across rejoins and says so again. */
  private readonly moderatorMuted = new Set<Source>();
  private generation = 0;
  private closed = false;
  /** The browser said it went offline while we were in the call: "online" must bring us back. */
  private wentOffline = false;
  private token: string | Promise<string>;
  /** A fresh token was fetched and not yet accepted: another refusal is final. */
  private tokenJustRefreshed = false;
  /** The join token still to send with a join (options.joinToken), until a join has taken it. */
  private pendingJoinToken: Promise<string> | undefined;

  constructor(private readonly options: CallOptions) {
    this.resetRecvReady();
    this.token = options.token;
    this.pendingJoinToken = options.joinToken;
    this.socket = connectSignaling(options.mediaUrl, () => this.token);
    this.socket.on("connect", () => {
      this.tokenJustRefreshed = false;
      this.joinedOnSocket = false;
      void this.establish();
    });
    this.socket.on("disconnect", (reason) => {
      if (this.closed || this.state.phase === "ended") return;
      // "io server disconnect" means the node ended us (removed, room closed): the event says why.
      if (reason !== "io server disconnect") this.update({ phase: "reconnecting", reconnecting: "network" });
    });
    this.socket.on("connect_error", (error: Error & { data?: { code?: string } }) => {
      if (error.data?.code === "unauthenticated") void this.renewToken(error.message);
    });
    this.listenToServer();
    if (typeof window !== "undefined") {
      // The browser knows about network changes before the socket's heartbeat does.
      window.addEventListener("online", this.onOnline);
      window.addEventListener("offline", this.onOffline);
    }
    if (typeof document !== "undefined") document.addEventListener("visibilitychange", this.onVisible);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getState(): CallState {
    return this.state;
  }

  /** Starts (or replaces) publishing a local track; null stops that source. */
  async publish(source: Source, track: MediaStreamTrack | null, options: PublishOptions = {}): Promise<void> {
    const previous = this.localTracks.get(source);
    if (previous && previous !== track) previous.stop();
    if (!track) {
      this.localTracks.delete(source);
      this.callKinds.delete(source);
      const producer = this.producers.get(source);
      this.producers.delete(source);
      producer?.close();
      if (producer) await request(this.socket, "closeProducer", { producerId: producer.id }).catch(() => {});
      this.setLocal(source, undefined);
      return;
    }
    this.localTracks.set(source, track);
    if (options.call) this.callKinds.set(source, options.call);
    else this.callKinds.delete(source);
    if (this.state.phase === "joined") await this.produce(source, track, this.generation);
  }

  /** Mute / camera off without renegotiation: the server pauses forwarding. */
  async setPaused(source: Source, paused: boolean): Promise<void> {
    const producer = this.producers.get(source);
    if (!producer) return;
    try {
      await request(this.socket, "setProducerPaused", { producerId: producer.id, paused });
      if (paused) producer.pause();
      else producer.resume();
      if (paused) this.pausedSources.add(source);
      else this.pausedSources.delete(source);
      this.setLocal(source, { ...this.state.local[source]!, paused });
    } catch (error) {
      this.update({ notice: (error as Error).message });
    }
  }

  /** Tells the node which simulcast layer a tile needs, and pauses tiles nobody sees. */
  async setTileView(consumerId: string, view: { visible: boolean; heightPx: number }): Promise<void> {
    const consumer = this.consumers.get(consumerId);
    if (!consumer || consumer.kind !== "video") return;
    await request(this.socket, "setConsumerPaused", { consumerId, paused: !view.visible }).catch(() => {});
    if (view.visible) await request(this.socket, "setConsumerLayers", { consumerId, spatialLayer: layerForTileHeight(view.heightPx) }).catch(() => {});
  }

  /** Pauses or resumes one consumer of any kind: a wall tile stops the audio it never plays. */
  async setConsumerPaused(consumerId: string, paused: boolean): Promise<void> {
    if (!this.consumers.has(consumerId)) return;
    await request(this.socket, "setConsumerPaused", { consumerId, paused }).catch(() => {});
  }

  // — moderation (the node refuses these without the moderate grant) —
  mute(peerId: string, source: Source | "all") {
    return request(this.socket, "mutePeer", { peerId, source });
  }
  remove(peerId: string, reason: string) {
    return request(this.socket, "removePeer", { peerId, reason });
  }
  lock(locked: boolean) {
    return request(this.socket, "lockRoom", { locked });
  }
  admit(peerId: string) {
    return request(this.socket, "admitPeer", { peerId });
  }
  reject(peerId: string, reason = "") {
    return request(this.socket, "rejectPeer", { peerId, reason });
  }
  closeRoom(reason: string) {
    return request(this.socket, "closeRoom", { reason });
  }
  /** Lifts a moderator's mute (the peer's own mutes stay). */
  unmute(peerId: string, source: Source | "all") {
    return request(this.socket, "unmutePeer", { peerId, source });
  }
  /** A notice to everyone: a preset code or one line of text (≤ 120 characters). */
  sendNotice(notice: RequestPayload<"sendNotice">) {
    return request(this.socket, "sendNotice", notice);
  }
  /** Ends a visit now; the reason is required and goes to the portal, not to the participants. */
  terminate(reason: string) {
    return request(this.socket, "terminateRoom", { reason });
  }

  /** Asks the node for the time left again (a phone that slept may have stopped its clock). */
  async syncRoomTime(): Promise<void> {
    if (this.state.phase !== "joined" && this.state.phase !== "lobby") return;
    const sentAt = performance.now();
    try {
      const time = await request(this.socket, "getRoomTime", {});
      this.update({ clock: clockFrom(time, sentAt, performance.now()) });
    } catch {
      // Not joined any more, or the node is away: the next join or warning sets the clock.
    }
  }

  /** Moderator: record the room from now on; the node answers with (and broadcasts) its state. */
  async startRecording(): Promise<void> {
    this.update({ recording: await request(this.socket, "startRecording", {}) });
  }

  /** Moderator: end the room's recording files cleanly (refused where recording is required). */
  async stopRecording(): Promise<void> {
    this.update({ recording: await request(this.socket, "stopRecording", {}) });
  }

  async leave(): Promise<void> {
    await request(this.socket, "leave", {}).catch(() => {});
    this.end({ kind: "left" });
  }

  /** Inbound video as the browser decodes it, with the layers the node says it forwards (the bandwidth probe is not a consumer, so never here). */
  async inboundVideoStats(): Promise<InboundVideoStat[]> {
    const out: InboundVideoStat[] = [];
    for (const consumer of this.consumers.values()) {
      if (consumer.kind !== "video" || consumer.closed) continue;
      const report = await consumer.getStats();
      for (const stat of report.values()) {
        if (stat.type !== "inbound-rtp" || stat.kind !== "video" || stat.mid === "probator") continue;
        out.push({
          consumerId: consumer.id,
          peerId: (consumer.appData as { peerId: string }).peerId,
          framesDecoded: stat.framesDecoded ?? 0,
          framesPerSecond: stat.framesPerSecond ?? 0,
          frameHeight: stat.frameHeight ?? 0,
          bytesReceived: stat.bytesReceived ?? 0,
          forwarded: this.state.tracks.find((t) => t.consumerId === consumer.id)?.forwarded ?? null,
        });
      }
    }
    return out;
  }

  /**
   * Round-trip time and loss of our transports, for the connection-quality indicator. The raw
   * counters are cumulative: the indicator compares two readings to show recent loss only.
   */
  async transportStats(): Promise<{ rttMs: number | null; packetLoss: number | null; packetsLost: number; packetsReceived: number }> {
    let rttMs: number | null = null;
    let lost = 0;
    let received = 0;
    for (const transport of [this.sendTransport, this.recvTransport]) {
      if (!transport || transport.closed) continue;
      const report = await transport.getStats();
      for (const stat of report.values()) {
        if (stat.type === "candidate-pair" && stat.nominated && typeof stat.currentRoundTripTime === "number") {
          rttMs = Math.max(rttMs ?? 0, stat.currentRoundTripTime * 1000);
        }
        if (stat.type === "inbound-rtp") {
          lost += stat.packetsLost ?? 0;
          received += stat.packetsReceived ?? 0;
        }
      }
    }
    return { rttMs, packetLoss: received + lost > 0 ? lost / (received + lost) : null, packetsLost: lost, packetsReceived: received };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (typeof window !== "undefined") {
      window.removeEventListener("online", this.onOnline);
      window.removeEventListener("offline", this.onOffline);
    }
    if (typeof document !== "undefined") document.removeEventListener("visibilitychange", this.onVisible);
    this.teardownMedia();
    for (const track of this.localTracks.values()) track.stop();
    this.localTracks.clear();
    this.socket.disconnect();
  }

  // — connection lifecycle —

  /** The node refused our token: get a fresh one and connect again, once per refusal. */
  private async renewToken(message: string): Promise<void> {
    const refused = () => this.end({ kind: "refused", code: "unauthenticated", message });
    if (this.closed || this.state.phase === "ended") return;
    if (!this.options.refreshToken || this.tokenJustRefreshed) return refused();
    this.tokenJustRefreshed = true;
    this.update({ phase: "reconnecting", reconnecting: "network" });
    try {
      this.token = await this.options.refreshToken();
    } catch {
      return refused();
    }
    // socket.io does not retry after a refusal by the node's middleware: we do, with the new token.
    if (!this.closed && this.getState().phase !== "ended") this.socket.connect();
  }

  private readonly onVisible = () => {
    if (document.visibilityState === "visible") void this.syncRoomTime();
  };

  private readonly onOffline = () => {
    if (this.closed || this.state.phase !== "joined") return;
    this.wentOffline = true;
    this.update({ phase: "reconnecting", reconnecting: "network" });
  };

  private readonly onOnline = () => {
    if (this.closed || this.state.phase === "ended") return;
    if (!this.socket.connected) {
      this.socket.disconnect();
      this.socket.connect();
    } else {
      void this.recoverOnLiveSocket();
    }
  };

  /**
   * Back online with a socket that still looks connected. After a network change it may be a
   * dead TCP connection nobody has noticed yet (the heartbeat takes up to 18 s): one quick round
   * trip decides. If it answers, the route may still have changed (another interface, another
   * address), so both transports restart ICE; media keeps flowing on the old path meanwhile.
   */
  private async recoverOnLiveSocket(): Promise<void> {
    const generation = this.generation;
    try {
      await request(this.socket, "getRouterRtpCapabilities", {}, LIVENESS_PROBE_MS);
    } catch (error) {
      // Any answer, even a refusal, proves the socket alive; silence does not. Reconnecting the
      // socket runs the full rejoin (see establish).
      if (error instanceof SignalingError && error.code === "timeout") {
        this.socket.disconnect();
        this.socket.connect();
        return;
      }
    }
    const transports = [this.sendTransport, this.recvTransport].filter((t): t is types.Transport => Boolean(t) && !t!.closed);
    await Promise.all(transports.map((transport) => this.restartIce(transport)));
    if (generation !== this.generation || this.closed) return;
    if (this.wentOffline && this.state.phase === "reconnecting") this.update({ phase: "joined", reconnecting: undefined });
    this.wentOffline = false;
  }

  /** (Re)joins from scratch on the current socket: device, join, transports, producers. */
  private async establish(): Promise<void> {
    if (this.closed || this.state.phase === "ended") return;
    const generation = ++this.generation;
    const stale = () => generation !== this.generation || this.closed;
    this.teardownMedia();
    try {
      const { rtpCapabilities } = await request(this.socket, "getRouterRtpCapabilities", {});
      if (stale()) return;
      const device = new Device(this.options.handlerFactory ? { handlerFactory: this.options.handlerFactory } : {});
      await device.load({ routerRtpCapabilities: rtpCapabilities as unknown as types.RtpCapabilities });
      this.device = device;
      // Issue 14: both transports before the join (the node keeps them unseen until then): on a
      // join screen they wait for the click; otherwise the requests simply go out ahead of the
      // join on the same socket, and the join no longer waits two round trips for them.
      // Not on a socket already in the room (a rejoin after a worker restart): there the node
      // gives transports to the peer at once, and the rejoin would drop them again.
      let prepared = this.joinedOnSocket ? Promise.resolve(NOTHING_PREPARED) : this.prepareTransports(generation);
      // Ready on the join screen; the room sees us only after the click.
      // Once clicked, a rejoin (a node restart, a network change) is not held: the join goes out
      // beside the transport requests, as it does without a gate.
      const gate = this.options.gate ?? this.options.joinToken;
      let held: PreparedPair | undefined;
      if (gate && !this.clicked) {
        held = await this.holdUntilClick(gate, prepared, generation);
        prepared = Promise.resolve(held);
        if (!this.closed && generation === this.generation) this.clicked = true;
      }
      const joinToken = this.pendingJoinToken && (await this.pendingJoinToken);
      if (stale()) return;
      const sentAt = performance.now();
      const rtp = device.rtpCapabilities as unknown as Record<string, unknown>;
      const joining = request(this.socket, "join", joinToken ? { rtpCapabilities: rtp, token: joinToken } : { rtpCapabilities: rtp });
      // The camera's SDP work overlaps the join's round trip; its `produce` goes out behind the
      // join on the same socket, which the node answers in order.
      const earlyCamera = held?.send ? this.produceCameraEarly(held.send, joinToken ?? (await this.token)) : undefined;
      const joined = await joining;
      if (joinToken) {
        // The node took it for this connection; a reconnect authenticates with it.
        this.token = joinToken;
        this.pendingJoinToken = undefined;
      }
      if (stale()) return;
      this.update(roomTerms(joined.room, sentAt));
      this.roomKind = joined.room.kind;
      const ready = await prepared;
      if (stale()) return;
      // What the node did not adopt (expired, its room rebuilt, or we are in the lobby) is gone there.
      const adopted = new Set(joined.lobby ? [] : (joined.prepared ?? []));
      const keep = (transport: types.Transport | undefined) => {
        if (!transport) return undefined;
        this.preparing.delete(transport);
        if (adopted.has(transport.id)) return transport;
        transport.close();
        return undefined;
      };
      const recv = keep(ready.recv);
      const send = keep(ready.send);
      if (joined.lobby) {
        this.update({ phase: "lobby", self: joined.self, reconnecting: undefined });
        return;
      }
      this.wentOffline = false;
      this.joinedOnSocket = true;
      this.update({ phase: "joined", readyToJoin: undefined, self: joined.self, peers: joined.peers, locked: joined.room.locked, reconnecting: undefined, tracks: [], local: {} });
      this.recvTransport = recv ?? (await this.createTransport("recv", generation));
      this.recvReady(this.recvTransport);
      if (joined.self && !joined.self.observer) {
        this.sendTransport = send ?? (await this.createTransport("send", generation));
        // The camera first: each produce waits for the one before it (one SDP negotiation at a
        // time), and in a roll call or a visit the face is what the other side waits for.
        const cameraFirst = [...this.localTracks].sort(([a], [b]) => Number(b === "camera") - Number(a === "camera"));
        for (const [source, track] of cameraFirst) {
          if (!stale()) await this.produce(source, track, generation, source === "camera" && send ? earlyCamera : undefined);
        }
      } else send?.close();
    } catch (error) {
      if (stale()) return;
      if (error instanceof SignalingError && ["forbidden", "room_locked", "room_closed", "unauthenticated"].includes(error.code)) {
        this.end({ kind: "refused", code: error.code, message: error.message });
      } else {
        // Anything else is transient: try the whole join again shortly.
        this.update({ phase: "reconnecting", reconnecting: "network" });
        setTimeout(() => void this.establish(), 1500);
      }
    }
  }

  /**
   * Asks for both transports before the join, and connects them at once. A refusal is not an error here (an observer may
   * not send; the room may be gone): the join says what is wrong, and builds what is missing.
   */
  private prepareTransports(generation: number): Promise<PreparedPair> {
    const one = (direction: "send" | "recv") =>
      this.createTransport(direction, generation).then(
        (transport) => {
          if (generation !== this.generation || this.closed) {
            transport.close();
            return undefined;
          }
          this.preparing.add(transport);
          // ICE + DTLS now, not at the first produce or consume after the join (warm-transport.ts).
          void warmTransport(transport);
          return transport;
        },
        () => undefined,
      );
    const recv = one("recv");
    const send = one("send");
    return Promise.all([recv, send]).then(([r, s]) => ({ recv: r, send: s, expiresInMs: this.preparedTtlMs }));
  }

  /**
   * The join screen: waits for the click. The node drops transports a socket has not joined
   * with after a while (`expiresInMs`): a screen left open longer asks for fresh ones first.
   */
  private async holdUntilClick(gate: Promise<unknown>, prepared: Promise<PreparedPair>, generation: number): Promise<PreparedPair> {
    const clicked = gate.then(() => "click" as const);
    for (;;) {
      const pair = await prepared;
      const stopWatching = this.watchPrepared(pair);
      const renewIn = pair.expiresInMs === undefined ? undefined : Math.max(1000, pair.expiresInMs - PREPARED_RENEW_MARGIN_MS);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const renew = renewIn === undefined ? new Promise<never>(() => {}) : new Promise<"renew">((resolve) => (timer = setTimeout(() => resolve("renew"), renewIn)));
      const outcome = await Promise.race([clicked, renew]).finally(() => {
        clearTimeout(timer);
        stopWatching();
      });
      if (outcome === "click" || generation !== this.generation || this.closed) return pair;
      this.update({ readyToJoin: false });
      for (const transport of [pair.recv, pair.send]) {
        if (!transport) continue;
        this.preparing.delete(transport);
        transport.close();
      }
      prepared = this.prepareTransports(generation);
    }
  }

  /** `readyToJoin` follows the prepared pair: true while both are connected. */
  private watchPrepared(pair: PreparedPair): () => void {
    const transports = [pair.recv, pair.send].filter((t): t is types.Transport => t !== undefined);
    const check = () => {
      const ready = transports.length === 2 && transports.every((t) => t.connectionState === "connected");
      if (ready !== Boolean(this.state.readyToJoin)) this.update({ readyToJoin: ready });
    };
    for (const transport of transports) transport.on("connectionstatechange", check);
    check();
    return () => {
      for (const transport of transports) transport.off("connectionstatechange", check);
    };
  }

  private async createTransport(direction: "send" | "recv", generation: number): Promise<types.Transport> {
    const info = await request(this.socket, "createTransport", { direction });
    if (info.expiresInMs !== undefined) this.preparedTtlMs = info.expiresInMs;
    // The TURN relay (if the portal has one) rides along with the token in use.
    const options = { ...(info as unknown as types.TransportOptions), iceServers: iceServersOf(await this.token) };
    const transport = direction === "send" ? this.device!.createSendTransport(options) : this.device!.createRecvTransport(options);
    transport.on("connect", ({ dtlsParameters }, done, fail) => {
      request(this.socket, "connectTransport", { transportId: transport.id, dtlsParameters: dtlsParameters as never }).then(() => done(), fail);
    });
    if (direction === "send") {
      transport.on("produce", ({ kind, rtpParameters, appData }, done, fail) => {
        request(this.socket, "produce", { transportId: transport.id, kind, rtpParameters: rtpParameters as never, source: appData.source as Source })
          .then(({ producerId }) => done({ id: producerId }), fail);
      });
    }
    let disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
    transport.on("connectionstatechange", (state) => {
      if (generation !== this.generation) return;
      clearTimeout(disconnectedTimer);
      if (state === "failed") void this.restartIce(transport);
      if (state === "disconnected") disconnectedTimer = setTimeout(() => void this.restartIce(transport), ICE_DISCONNECTED_GRACE_MS);
    });
    return transport;
  }

  private async restartIce(transport: types.Transport): Promise<void> {
    if (transport.closed || !this.socket.connected) return;
    try {
      const { iceParameters } = await request(this.socket, "restartIce", { transportId: transport.id });
      await transport.restartIce({ iceParameters: iceParameters as types.IceParameters });
    } catch {
      // The transport is gone on the node (e.g. after a rejoin): the next establish rebuilds it.
    }
  }

  /**
   * Issue 14: the camera produced on a prepared send transport while the join is on its way,
   * with the encodings the token's room kind calls for. Undefined (never a rejection) when it
   * could not be: no camera yet, a token that may not publish, or the node did not take it (the
   * transport was not adopted, or we are in the lobby); the join's own produce then runs.
   */
  private produceCameraEarly(transport: types.Transport, token: string): Promise<types.Producer | undefined> | undefined {
    const track = this.localTracks.get("camera");
    const roomKind = publishingRoomKindOf(token);
    if (!track || !roomKind || track.readyState !== "live") return undefined;
    return this.startProducer(transport, "camera", track, roomKind).catch(() => undefined);
  }

  private startProducer(transport: types.Transport, source: Source, track: MediaStreamTrack, roomKind: string | undefined): Promise<types.Producer> {
    // A muted microphone must not send even the moment between producing and pausing.
    if (this.moderatorMuted.has(source) || this.pausedSources.has(source)) track.enabled = false;
    const video =
      source === "mic" ? {} : source === "camera" ? pickVideoCodec(this.device!, captureSize(track), this.callKinds.get(source) ?? callKindOfRoom(roomKind)) : { encodings: [{ maxBitrate: 1_500_000 }] };
    return transport.produce({
      track,
      stopTracks: false,
      ...video,
      codecOptions: source === "mic" ? { opusDtx: true, opusFec: true } : { videoGoogleStartBitrate: 1000 },
      appData: { source },
    });
  }

  /** `started`: the same source's producer begun before the join (produceCameraEarly). */
  private async produce(source: Source, track: MediaStreamTrack, generation: number, started?: Promise<types.Producer | undefined>): Promise<void> {
    const transport = this.sendTransport;
    if (!transport || generation !== this.generation) return;
    this.producers.get(source)?.close();
    const early = await started;
    if (generation !== this.generation) return early?.close();
    // The node has the early producer: a camera switched meanwhile goes onto it.
    if (early && !early.closed && early.track !== track) await early.replaceTrack({ track });
    const producer = early && !early.closed ? early : await this.startProducer(transport, source, track, this.roomKind);
    this.producers.set(source, producer);
    // Read again: the node's "mutedByModerator" for this producer arrives before produce resolves.
    const mutedByModerator = this.moderatorMuted.has(source);
    const paused = mutedByModerator || this.pausedSources.has(source);
    if (paused) producer.pause();
    if (paused && !mutedByModerator) await request(this.socket, "setProducerPaused", { producerId: producer.id, paused: true }).catch(() => {});
    this.setLocal(source, { producerId: producer.id, paused, mutedByModerator });
    track.addEventListener("ended", () => {
      if (this.localTracks.get(source) === track) void this.publish(source, null);
    });
  }

  private teardownMedia(): void {
    for (const transport of this.preparing) transport.close();
    this.preparing.clear();
    for (const consumer of this.consumers.values()) consumer.close();
    this.consumers.clear();
    for (const producer of this.producers.values()) producer.close();
    this.producers.clear();
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = undefined;
    this.recvTransport = undefined;
    this.resetRecvReady();
  }

  private resetRecvReady(): void {
    this.recvTransportReady = new Promise((resolve) => (this.recvReady = resolve));
  }

  // — what the node tells us —

  private listenToServer(): void {
    const s = this.socket;
    s.on("newConsumer", (payload, ack) => void this.onNewConsumer(payload, ack));
    s.on("consumerClosed", ({ consumerId }) => {
      this.consumers.get(consumerId)?.close();
      this.consumers.delete(consumerId);
      this.update({ tracks: this.state.tracks.filter((t) => t.consumerId !== consumerId) });
    });
    s.on("consumerPaused", ({ consumerId }) => this.setTrack(consumerId, { producerPaused: true }));
    s.on("consumerResumed", ({ consumerId }) => this.setTrack(consumerId, { producerPaused: false }));
    s.on("consumerLayersChanged", ({ consumerId, spatialLayer, temporalLayer }) =>
      this.setTrack(consumerId, { forwarded: { spatialLayer, temporalLayer } }),
    );
    s.on("peerJoined", ({ peer }) => this.update({ peers: [...this.state.peers.filter((p) => p.id !== peer.id), peer] }));
    s.on("peerUpdated", ({ peer }) => this.upsertPeer(peer));
    s.on("peerLeft", ({ peerId }) => this.update({ peers: this.state.peers.filter((p) => p.id !== peerId) }));
    s.on("activeSpeaker", ({ peerId }) => this.update({ activeSpeaker: peerId }));
    s.on("lobbyChanged", ({ waiting }) => this.update({ lobby: waiting }));
    s.on("roomLocked", ({ locked }) => this.update({ locked }));
    // The node sends the spotlight before the called peer's challenge, so a new call clears the
    // previous challenge and the fresh one then lands on top.
    // A cleared spotlight (the person was marked) removes both.
    s.on("spotlight", (spotlight) => this.update({ spotlight: spotlight.peerId === null ? undefined : spotlight, challenge: undefined }));
    s.on("challenge", (challenge) => this.update({ challenge }));
    s.on("marked", (marked) => this.update({ marked }));
    s.on("mutedByModerator", ({ producerId, source }) => {
      this.moderatorMuted.add(source);
      this.producers.get(source)?.pause();
      this.setLocal(source, { producerId, paused: true, mutedByModerator: true });
    });
    s.on("unmutedByModerator", ({ source }) => {
      this.moderatorMuted.delete(source);
      const producer = this.producers.get(source);
      const local = this.state.local[source];
      if (!producer || !local) return;
      // The node plays again what it had paused; our own mute from before the hold still holds.
      if (this.pausedSources.has(source)) {
        void request(this.socket, "setProducerPaused", { producerId: producer.id, paused: true }).catch(() => {});
        this.setLocal(source, { ...local, mutedByModerator: false, paused: true });
      } else {
        producer.resume();
        this.setLocal(source, { ...local, mutedByModerator: false, paused: false });
      }
    });
    s.on("roomTimeWarning", (warning) => {
      // The warning carries the node's time left: it corrects a clock that drifted or slept.
      this.update({ timeWarning: warning, clock: clockFrom({ endsAt: null, remainingMs: warning.remainingMs, warningSeconds: this.state.clock.warningSeconds }, performance.now(), performance.now()) });
    });
    s.on("recordingState", (recording) => this.update({ recording }));
    s.on("roomNotice", (notice) => this.update({ notices: [...this.state.notices, notice].slice(-MAX_NOTICES) }));
    s.on("admitted", () => void this.establish());
    s.on("rejected", ({ reason }) => this.end({ kind: "rejected", message: reason }));
    s.on("removed", ({ reason }) => this.end({ kind: "removed", message: reason }));
    s.on("roomClosed", ({ reason }) => this.end({ kind: "closed", message: reason }));
    s.on("reconnect", ({ reason, retryAfterMs }) => {
      this.update({ phase: "reconnecting", reconnecting: reason });
      // After a worker restart the socket is fine: rejoin on it. A draining node closes the
      // socket, and socket.io's own reconnection (with backoff) brings us back.
      if (reason === "worker_died") setTimeout(() => void this.establish(), retryAfterMs);
    });
  }

  private async onNewConsumer(payload: EventPayload<"newConsumer">, ack: (response: { ok: true; data: Record<string, never> } | { ok: false; error: { code: "internal"; message: string } }) => void) {
    try {
      const transport = await this.recvTransportReady;
      const consumer = await transport.consume({
        id: payload.consumerId,
        producerId: payload.producerId,
        kind: payload.kind,
        rtpParameters: payload.rtpParameters as unknown as types.RtpParameters,
        appData: { peerId: payload.peerId, source: payload.source },
      });
      this.consumers.set(consumer.id, consumer);
      ack({ ok: true, data: {} });
      const track: RemoteTrack = {
        consumerId: consumer.id,
        peerId: payload.peerId,
        kind: payload.kind,
        source: payload.source,
        track: consumer.track,
        producerPaused: payload.producerPaused,
      };
      this.update({ tracks: [...this.state.tracks.filter((t) => t.consumerId !== consumer.id), track] });
      await request(this.socket, "resumeConsumer", { consumerId: consumer.id });
    } catch (error) {
      ack({ ok: false, error: { code: "internal", message: String(error) } });
    }
  }

  private upsertPeer(peer: PeerInfo): void {
    if (peer.id === this.state.self?.id) {
      this.update({ self: peer });
      return;
    }
    const exists = this.state.peers.some((p) => p.id === peer.id);
    this.update({ peers: exists ? this.state.peers.map((p) => (p.id === peer.id ? peer : p)) : [...this.state.peers, peer] });
  }

  private setTrack(consumerId: string, patch: Partial<RemoteTrack>): void {
    this.update({ tracks: this.state.tracks.map((t) => (t.consumerId === consumerId ? { ...t, ...patch } : t)) });
  }

  private setLocal(source: Source, value: LocalProducer | undefined): void {
    const local = { ...this.state.local };
    if (value) local[source] = value;
    else delete local[source];
    this.update({ local });
  }

  private end(reason: EndReason): void {
    if (this.state.phase === "ended") return;
    this.update({ phase: "ended", ended: reason });
    this.close();
  }

  private update(patch: Partial<CallState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}

/** The room's end, privilege and recording flag as the node states them in `join`. */
function roomTerms(room: RoomInfo, sentAt: number): Pick<CallState, "clock" | "privileged" | "mustRecord"> {
  return { clock: clockFrom(room.time, sentAt, performance.now()), privileged: room.privileged, mustRecord: room.mustRecord };
}

/**
 * What the camera really delivers, which may differ from what was asked (a 720p-only webcam, a
 * phone in portrait). Before the first frame some browsers report nothing: assume VGA, the size
 * the portal asks for.
 */
function captureSize(track: MediaStreamTrack): { width: number; height: number } {
  const { width, height } = track.getSettings?.() ?? {};
  return width && height ? { width, height } : { width: 640, height: 480 };
}
