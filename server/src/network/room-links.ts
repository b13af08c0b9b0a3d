import type { types } from "mediasoup";
import { forbidden, MediaError, notFound } from "../errors.ts";
import { preferredOf } from "../media/early-step-down.ts";
import { watchKeyFrames } from "../media/keyframe-window.ts";
import type { Peer } from "../media/peer.ts";
import type { Room } from "../media/room.ts";
import type { RoomManager } from "../media/room-manager.ts";
import type { Logger } from "../observability/logger.ts";
import type { Source } from "../protocol/entities.ts";
import { ZLinkReply, ZPipeReply, type LinkMessage, type LinkMessageName, type PipeEnd, type RemotePeerInfo, type RoomSpec } from "../protocol/network.ts";
import type { NetworkConfig } from "./network-config.ts";
import type { Neighbor } from "./neighbor.ts";
import type { NetworkTree } from "./network-tree.ts";
import { isLayered, RouterConsumers, setWantedLayer, spatialLayerFor, TOP_LAYER, wantedLayerOf } from "./layer-wants.ts";
import { RemotePeer } from "./remote-peer.ts";

/** A far viewer's keyframe requests reach the publisher at most this often per piped stream. */
export const KEYFRAME_REQUEST_DELAY_MS = 1000;
const SWEEP_MS = 1000;
/** A refused or failed link toward home is tried again after this (routes may be being relearnt). */
const RETRY_MS = 500;
/**
 * A `link` is answered within milliseconds (a pipe made and connected). One that is not is asked
 * again soon rather than after the control channel's general 10 s. (The one case seen, a child
 * that had connected but not yet finished its handshake, is no longer sent anything: see
 * NetworkTree.neighbor.) A late answer is harmless: the far side replaces its link to us on the
 * next request.
 */
const LINK_REQUEST_TIMEOUT_MS = 3_000;

/**
 * Tests put a lossy relay between two nodes' pipes here (the initiating side's view of both ends).
 * Asked for `<neighbour>` (the PipeTransport) and `<neighbour>/layers` (the layers transport).
 */
export interface PipeTap {
  local(end: PipeEnd): Promise<PipeEnd>;
  remote(end: PipeEnd): Promise<PipeEnd>;
}

/** One room linked with one neighbour: one PipeTransport pair, and what crosses it. */
interface RoomLink {
  neighbor: Neighbor;
  transport: types.PipeTransport;
  /**
   * An SRTP PlainTransport pair beside the pipe: a simulcast camera crosses it as one layer, the
   * highest anyone beyond wants (a regular consumer here, a one-encoding producer there, same id).
   * Absent when the far side did not offer one.
   */
  layers: types.PlainTransport | undefined;
  /** Incoming streams: the layer last asked of the far side (what everyone here and beyond wants). */
  asked: Map<string, number>;
  towardHome: boolean;
  /** Pipe consumers here: streams this node sends over the link (one per stream, shared by all far viewers). */
  outgoing: Map<string, Promise<types.Consumer>>;
  /** Pipe producers here (same id as at the source): streams received over the link. */
  incoming: Map<string, Promise<types.Producer>>;
  /** Peers the neighbour told of (its own and those beyond it). */
  peers: Map<string, RemotePeer>;
  /** Since when nobody here or beyond wants an incoming stream. */
  idleSince: Map<string, number>;
  lastPeersSent: string;
  /** The initiator's link waits for the far side's pipe before it says anything over it. */
  ready: boolean;
  closed: boolean;
}

interface RoomNet {
  room: Room;
  spec: RoomSpec;
  links: Map<string, RoomLink>;
  /** Every consumer on the room's router: what layer each stream is wanted at here. */
  consumers: RouterConsumers;
  linking: boolean;
  /** After a failed attempt toward home, not before this (epoch ms). */
  retryAt: number;
  presenceTimer: NodeJS.Timeout | undefined;
}

/**
 * Rooms across nodes (issue 11). A room lives on its home node; a node where someone joins it
 * links it toward home, hop by hop along the tree, so the nodes holding a room form a tree
 * too. Presence floods along that tree (never back where it came from); a stream crosses a
 * link only when someone beyond it may watch it, once, and leaves the link 30 s after the last.
 */
export class RoomLinks {
  private readonly nets = new Map<string, RoomNet>();
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(
    private readonly self: string,
    private readonly config: NetworkConfig,
    private readonly rooms: RoomManager,
    private readonly tree: NetworkTree,
    private readonly logger: Logger,
    private readonly pipeTap?: (neighbor: string) => PipeTap | undefined,
  ) {
    rooms.roomCreated = (room) => this.adopt(room);
    for (const room of rooms.all()) this.adopt(room);
    tree.on("down", (neighbor) => this.neighborDown(neighbor));
    tree.on("up", (neighbor) => this.neighborUp(neighbor));
    tree.on("routes", () => this.sweepAll());
    this.sweepTimer = setInterval(() => this.sweepAll(), SWEEP_MS);
  }

  close(): void {
    clearInterval(this.sweepTimer);
  }

  /** Per neighbour: linked rooms, streams each way, and bytes through its pipes (metrics, the portal's tree). */
  async linkStats(): Promise<Array<{ neighbor: string; up: boolean; rooms: number; streamsOut: number; streamsIn: number; bytesSent: number; bytesReceived: number; sendBitrate: number; recvBitrate: number }>> {
    const by = new Map<string, { neighbor: string; up: boolean; rooms: number; streamsOut: number; streamsIn: number; bytesSent: number; bytesReceived: number; sendBitrate: number; recvBitrate: number }>();
    for (const n of this.tree.upNeighbors()) by.set(n.id, { neighbor: n.id, up: true, rooms: 0, streamsOut: 0, streamsIn: 0, bytesSent: 0, bytesReceived: 0, sendBitrate: 0, recvBitrate: 0 });
    const jobs: Array<Promise<void>> = [];
    for (const net of this.nets.values()) {
      for (const link of net.links.values()) {
        const entry = by.get(link.neighbor.id) ?? { neighbor: link.neighbor.id, up: !link.neighbor.isDown, rooms: 0, streamsOut: 0, streamsIn: 0, bytesSent: 0, bytesReceived: 0, sendBitrate: 0, recvBitrate: 0 };
        by.set(link.neighbor.id, entry);
        entry.rooms++;
        entry.streamsOut += link.outgoing.size;
        entry.streamsIn += link.incoming.size;
        for (const transport of [link.transport, link.layers]) {
          if (!transport) continue;
          jobs.push(
            transport.getStats().then(
              (stats) => {
                for (const s of stats) {
                  entry.bytesSent += s.bytesSent ?? 0;
                  entry.bytesReceived += s.bytesReceived ?? 0;
                  entry.sendBitrate += s.sendBitrate ?? 0;
                  entry.recvBitrate += s.recvBitrate ?? 0;
                }
              },
              () => {},
            ),
          );
        }
      }
    }
    await Promise.all(jobs);
    return [...by.values()];
  }

  /** The PipeTransport of a room's link with a neighbour (tests and benchmarks measure it). */
  pipeOf(roomId: string, neighbor: string): types.PipeTransport | undefined {
    return this.nets.get(roomId)?.links.get(neighbor)?.transport;
  }

  /** The simulcast layer a stream crosses a link with now (undefined: whole, or not crossing). */
  async layerOver(roomId: string, neighbor: string, producerId: string): Promise<number | undefined> {
    const consumer = await this.nets.get(roomId)?.links.get(neighbor)?.outgoing.get(producerId)?.catch(() => undefined);
    return consumer?.type === "simulcast" ? consumer.currentLayers?.spatialLayer : undefined;
  }

  /** The layers transport of a room's link with a neighbour (one-layer streams cross it). */
  layersOf(roomId: string, neighbor: string): types.PlainTransport | undefined {
    return this.nets.get(roomId)?.links.get(neighbor)?.layers;
  }

  readonly handle = async (name: LinkMessageName, payload: LinkMessage<LinkMessageName>, from: Neighbor): Promise<unknown> => {
    switch (name) {
      case "link":
        return this.onLink(from, payload as LinkMessage<"link">);
      case "unlink":
        return this.onUnlink(from, payload as LinkMessage<"unlink">);
      case "peers":
        return this.onPeers(from, payload as LinkMessage<"peers">);
      case "pipe":
        return this.onPipe(from, payload as LinkMessage<"pipe">);
      case "unpipe":
        return this.onUnpipe(from, payload as LinkMessage<"unpipe">);
      case "producerState":
        return this.onProducerState(from, payload as LinkMessage<"producerState">);
      case "moderate":
        return this.onModerate(from, payload as LinkMessage<"moderate">);
      default:
        throw new MediaError("unknown_message", `no handler for ${name}`);
    }
  };

  // — rooms —

  private adopt(room: Room): void {
    if (this.nets.has(room.id)) return;
    const net: RoomNet = {
      room,
      spec: { room: room.id, home: room.home ?? this.self, kind: room.kind, endsAtMs: room.terms.endsAtMs, privileged: room.terms.privileged, mustRecord: room.terms.mustRecord },
      links: new Map(),
      consumers: new RouterConsumers(room.mediaRouter),
      linking: false,
      retryAt: 0,
      presenceTimer: undefined,
    };
    this.nets.set(room.id, net);
    room.network = { moderate: (target, action, source) => this.moderate(net, target, action, source) };
    room.on("presence", () => this.presenceChanged(net));
    room.on("recvReady", () => this.sweep(net));
    room.once("closed", (reason) => this.roomClosed(net, reason));
  }

  private roomClosed(net: RoomNet, reason: string): void {
    if (this.nets.get(net.room.id) === net) this.nets.delete(net.room.id);
    clearTimeout(net.presenceTimer);
    // A room ended by its moderator, the portal or its end time ends on every node; an empty one only here.
    const everywhere = reason !== "empty" && reason !== "worker_died";
    for (const link of [...net.links.values()]) {
      link.neighbor.notify("unlink", { room: net.room.id, ...(everywhere ? { reason } : {}) });
      this.teardown(net, link);
    }
  }

  private hasLocalPeers(net: RoomNet): boolean {
    for (const peer of net.room.allPeers()) if (!peer.via) return true;
    return false;
  }

  /** Whether this node needs the room's home: it has peers of its own, or links from beyond. */
  private needsHome(net: RoomNet): boolean {
    if (net.spec.home === this.self) return false;
    if (this.hasLocalPeers(net)) return true;
    for (const link of net.links.values()) if (!link.towardHome) return true;
    return false;
  }

  private async ensureTowardHome(net: RoomNet): Promise<void> {
    const home = [...net.links.values()].find((l) => l.towardHome);
    if (!this.needsHome(net)) {
      if (home) {
        home.neighbor.notify("unlink", { room: net.room.id });
        this.teardown(net, home);
      }
      return;
    }
    if (home || net.linking || net.room.isClosed || Date.now() < net.retryAt) return;
    const hop = this.tree.nextHop(net.spec.home);
    // Unreachable for now, or (while routes are being learnt) back the way the room came: retried on every route change and sweep.
    if (!hop || net.links.has(hop.id)) return;
    net.linking = true;
    let link: RoomLink | undefined;
    try {
      const [transport, layers] = await Promise.all([this.createPipe(net.room), this.optionalLayers(net.room)]);
      link = this.newLink(net, hop, transport, layers, true);
      const tap = this.pipeTap?.(hop.id);
      const layersTap = this.pipeTap?.(`${hop.id}/layers`);
      let local = this.endOf(transport);
      if (tap) local = await tap.local(local);
      let localLayers = layers && this.endOf(layers);
      if (localLayers && layersTap) localLayers = await layersTap.local(localLayers);
      const reply = ZLinkReply.parse(await hop.request("link", { spec: net.spec, pipe: local, ...(localLayers ? { layers: localLayers } : {}) }, LINK_REQUEST_TIMEOUT_MS));
      const remote = tap ? await tap.remote(reply.pipe) : reply.pipe;
      const remoteLayers = layers && reply.layers ? (layersTap ? await layersTap.remote(reply.layers) : reply.layers) : undefined;
      await Promise.all([
        transport.connect({ ip: remote.ip, port: remote.port, srtpParameters: remote.srtp }),
        remoteLayers && layers!.connect({ ip: remoteLayers.ip, port: remoteLayers.port, srtpParameters: remoteLayers.srtp }),
      ]);
      if (layers && !remoteLayers) {
        // A far side without layer links (or with them off): every stream crosses the pipe whole.
        layers.close();
        link.layers = undefined;
      }
      link.ready = true;
      this.logger.info({ room: net.room.id, via: hop.id, home: net.spec.home }, "room linked toward its home");
      this.sendPeers(net, link);
    } catch (error) {
      this.logger.warn({ room: net.room.id, via: hop.id, err: String(error) }, "could not link the room toward its home; retrying");
      net.retryAt = Date.now() + RETRY_MS;
      if (link) this.teardown(net, link);
    } finally {
      net.linking = false;
    }
  }

  private async onLink(from: Neighbor, { spec, pipe, layers: farLayers }: LinkMessage<"link">): Promise<unknown> {
    // A link comes from the side away from the room's home: never from the way home (a loop or a forgery).
    if (spec.home !== this.self) {
      const hop = this.tree.nextHop(spec.home);
      if (!hop || hop === from || (from.relation === "parent" && !this.tree.isBelow(spec.home))) {
        throw forbidden(`room ${spec.room}'s home ${spec.home} is not reachable beyond ${this.self} from ${from.id}`);
      }
    }
    const terms = { endsAtMs: spec.endsAtMs, privileged: spec.privileged, mustRecord: spec.mustRecord };
    const room = await this.rooms.getOrCreate(spec.room, spec.kind, terms, spec.home === this.self ? undefined : spec.home);
    const net = this.nets.get(room.id);
    if (!net) throw new MediaError("room_closed", "The room has been closed");
    const old = net.links.get(from.id);
    if (old) this.teardown(net, old);
    const [transport, layers] = await Promise.all([
      this.createPipe(room),
      farLayers ? this.optionalLayers(room) : undefined,
    ]);
    try {
      await Promise.all([
        transport.connect({ ip: pipe.ip, port: pipe.port, srtpParameters: pipe.srtp }),
        layers && farLayers && layers.connect({ ip: farLayers.ip, port: farLayers.port, srtpParameters: farLayers.srtp }),
      ]);
    } catch (error) {
      transport.close();
      layers?.close();
      throw error;
    }
    const link = this.newLink(net, from, transport, layers, false);
    link.ready = true;
    setImmediate(() => {
      this.sendPeers(net, link);
      void this.ensureTowardHome(net);
    });
    return { pipe: this.endOf(transport), ...(layers ? { layers: this.endOf(layers) } : {}) };
  }

  private onUnlink(from: Neighbor, { room, reason }: LinkMessage<"unlink">): unknown {
    const net = this.nets.get(room);
    const link = net?.links.get(from.id);
    if (!net || !link) return {};
    this.teardown(net, link);
    if (reason) this.rooms.closeRoom(room, reason);
    else void this.ensureTowardHome(net);
    return {};
  }

  private newLink(net: RoomNet, neighbor: Neighbor, transport: types.PipeTransport, layers: types.PlainTransport | undefined, towardHome: boolean): RoomLink {
    const link: RoomLink = { neighbor, transport, layers, asked: new Map(), towardHome, outgoing: new Map(), incoming: new Map(), peers: new Map(), idleSince: new Map(), lastPeersSent: "", ready: false, closed: false };
    net.links.set(neighbor.id, link);
    return link;
  }

  private teardown(net: RoomNet, link: RoomLink): void {
    if (link.closed) return;
    link.closed = true;
    if (net.links.get(link.neighbor.id) === link) net.links.delete(link.neighbor.id);
    // Closing the pipe closes its producers: far viewers' consumers end (consumerClosed).
    link.transport.close();
    link.layers?.close();
    for (const peer of link.peers.values()) net.room.removeRemotePeer(peer);
    link.peers.clear();
    this.presenceChanged(net);
  }

  private createPipe(room: Room): Promise<types.PipeTransport> {
    return room.mediaRouter.createPipeTransport({
      listenIp: { ip: this.config.pipeIp, announcedIp: this.config.pipeAnnouncedIp },
      enableSrtp: true,
      // Loss on a link is repaired by NACK/RTX across the pipe (server/test/rtx-over-pipe.test.ts).
      enableRtx: true,
      enableSctp: false,
    });
  }

  /**
   * The layers transport of a link: SRTP keyed per link as the pipe is, RTP and RTCP on one port,
   * each side sending to the address the other announced (no comedia: nobody may take it over).
   * Its consumers are regular ones, so transport-cc feedback from the far side drives mediasoup's
   * bandwidth estimate and a congested link makes the stream drop a layer.
   */
  private async createLayers(room: Room): Promise<types.PlainTransport> {
    const transport = await room.mediaRouter.createPlainTransport({
      listenIp: { ip: this.config.pipeIp, announcedIp: this.config.pipeAnnouncedIp },
      rtcpMux: true,
      comedia: false,
      enableSrtp: true,
      enableSctp: false,
    });
    // A capped link is a capped downlink: left to mediasoup, the larger layer kept filling the
    // link's queue until the smaller one's keyframe got through, a freeze of up to 9 s beyond it
    // (server/test/network-layers.test.ts).
    room.watchDownlink(transport);
    return transport;
  }

  /** A layers transport if they are on and one can be made; without one the link is pipes only. */
  private optionalLayers(room: Room): Promise<types.PlainTransport | undefined> {
    if (!this.config.layerLinks) return Promise.resolve(undefined);
    return this.createLayers(room).catch((error: unknown) => {
      this.logger.warn({ room: room.id, err: String(error) }, "no layers transport for a link; its streams cross whole");
      return undefined;
    });
  }

  private endOf(transport: types.PipeTransport | types.PlainTransport): PipeEnd {
    const srtp = transport.srtpParameters!;
    return { ip: this.config.pipeAnnouncedIp, port: transport.tuple.localPort, srtp: { cryptoSuite: srtp.cryptoSuite, keyBase64: srtp.keyBase64 } };
  }

  // — presence —

  private presenceChanged(net: RoomNet): void {
    if (net.presenceTimer) return;
    net.presenceTimer = setTimeout(() => {
      net.presenceTimer = undefined;
      for (const link of net.links.values()) this.sendPeers(net, link);
      void this.ensureTowardHome(net);
      this.sweep(net);
    }, 10);
  }

  private sendPeers(net: RoomNet, link: RoomLink): void {
    if (link.closed || !link.ready) return;
    const peers: RemotePeerInfo[] = [];
    for (const peer of net.room.allPeers()) if (peer.via !== link.neighbor.id) peers.push(describe(peer));
    const payload = JSON.stringify(peers);
    // Unchanged sets are not sent again: presence cannot bounce between nodes.
    if (payload === link.lastPeersSent) return;
    link.lastPeersSent = payload;
    // Acknowledged: a set the far side could not take is sent again by the next sweep.
    link.neighbor.request("peers", { room: net.room.id, peers }).catch((error) => {
      if (link.lastPeersSent === payload) link.lastPeersSent = "";
      this.logger.info({ room: net.room.id, to: link.neighbor.id, err: String(error) }, "presence not taken; sending again");
    });
  }

  private onPeers(from: Neighbor, { room, peers }: LinkMessage<"peers">): unknown {
    const { net, link } = this.linkOf(room, from);
    const seen = new Set<string>();
    for (const info of peers) {
      seen.add(info.id);
      const local = net.room.findPeer(info.id);
      if (local && local.via !== from.id) continue; // known here or from another side: that one counts
      let peer = link.peers.get(info.id);
      if (peer) {
        peer.remote = info;
        peer.connected = info.connected;
        for (const id of [...peer.producers.keys()]) if (!info.producers.some((p) => p.id === id)) this.dropIncoming(link, peer, id);
        for (const [id, entry] of peer.producers) entry.mutedByModerator = info.producers.find((p) => p.id === id)?.mutedByModerator ?? false;
      } else {
        peer = new RemotePeer(info, from.id);
        link.peers.set(info.id, peer);
      }
      net.room.upsertRemotePeer(peer);
    }
    for (const [id, peer] of [...link.peers]) {
      if (seen.has(id)) continue;
      link.peers.delete(id);
      for (const producerId of [...peer.producers.keys()]) this.dropIncoming(link, peer, producerId);
      net.room.removeRemotePeer(peer);
    }
    this.presenceChanged(net);
    return {};
  }

  // — streams —

  private sweepAll(): void {
    for (const net of this.nets.values()) {
      void this.ensureTowardHome(net);
      for (const link of net.links.values()) this.sendPeers(net, link);
      this.sweep(net);
    }
  }

  /** Pipes what someone here or beyond wants and is not yet here; lets go of what nobody wanted for the idle time. */
  private sweep(net: RoomNet): void {
    const now = Date.now();
    for (const link of net.links.values()) {
      for (const peer of link.peers.values()) {
        for (const p of peer.remote.producers) {
          if (this.wanted(net, link, peer, p.id, p.kind)) {
            link.idleSince.delete(p.id);
            if (!link.incoming.has(p.id)) void this.pipeIn(net, link, peer, p.id).catch((error) => this.logger.info({ room: net.room.id, producer: p.id, err: String(error) }, "could not pipe a stream in"));
            else if (p.kind === "video") this.askLayer(net, link, p.id);
          } else if (link.incoming.has(p.id)) {
            const since = link.idleSince.get(p.id) ?? now;
            link.idleSince.set(p.id, since);
            if (now - since >= this.config.pipeIdleMs) {
              this.dropIncoming(link, peer, p.id);
              link.neighbor.notify("unpipe", { room: net.room.id, producerId: p.id });
            }
          }
        }
      }
    }
  }

  /** Someone here may receive it (visibility and terms), or a link beyond this node carries it on. */
  private wanted(net: RoomNet, from: RoomLink, producerPeer: Peer, producerId: string, kind: "audio" | "video"): boolean {
    for (const v of net.room.allPeers()) {
      if (!v.via && v.connected && v.grants.subscribe && v.recvTransport && net.room.mayReceiveFrom(v, producerPeer, kind)) return true;
    }
    for (const link of net.links.values()) if (link !== from && link.outgoing.has(producerId)) return true;
    return false;
  }

  /**
   * Tells the far side when the layer wanted here (by viewers here, and links beyond) changed: a
   * stream crossing as one layer then carries that one. Asked again by the next sweep if refused.
   */
  private askLayer(net: RoomNet, link: RoomLink, producerId: string, atLeast = 0): void {
    const want = Math.max(atLeast, net.consumers.wantedLayer(producerId));
    if (!link.asked.has(producerId) || link.asked.get(producerId) === want) return;
    link.asked.set(producerId, want);
    link.neighbor.request("pipe", { room: net.room.id, producerId, ...layerField(want) }).catch((error) => {
      if (link.asked.get(producerId) === want) link.asked.set(producerId, -1);
      this.logger.info({ room: net.room.id, producer: producerId, err: String(error) }, "layer change not taken; asking again");
    });
  }

  private pipeIn(net: RoomNet, link: RoomLink, peer: RemotePeer, producerId: string, atLeast = 0): Promise<types.Producer> {
    const existing = link.incoming.get(producerId);
    if (existing) {
      this.askLayer(net, link, producerId, atLeast);
      return existing;
    }
    let pending: Promise<types.Producer> | undefined = undefined;
    pending = (async () => {
      const want = Math.max(atLeast, net.consumers.wantedLayer(producerId));
      link.asked.set(producerId, want);
      const reply = ZPipeReply.parse(await link.neighbor.request("pipe", { room: net.room.id, producerId, ...layerField(want) }));
      const info = peer.remote.producers.find((p) => p.id === producerId);
      // One layer crosses the layers transport as a one-encoding stream; anything else the pipe.
      const transport = reply.layered && link.layers ? link.layers : link.transport;
      const producer = await transport.produce({
        id: producerId,
        kind: reply.kind,
        rtpParameters: reply.rtpParameters as unknown as types.RtpParameters,
        paused: reply.paused,
        keyFrameRequestDelay: KEYFRAME_REQUEST_DELAY_MS,
        appData: { peerId: peer.id, source: info?.source, via: link.neighbor.id },
      });
      watchKeyFrames(producer);
      if (link.closed || !info || link.incoming.get(producerId) !== pending) {
        producer.close();
        throw new MediaError("invalid_state", "the link or the stream went away while it was being piped");
      }
      const entry = { producer, source: info.source, mutedByModerator: info.mutedByModerator };
      peer.producers.set(producer.id, entry);
      producer.on("transportclose", () => peer.producers.delete(producer.id));
      net.room.offerProducer(peer, entry);
      return producer;
    })();
    const piping = pending;
    link.incoming.set(producerId, piping);
    piping.catch(() => {
      if (link.incoming.get(producerId) === piping) link.incoming.delete(producerId);
    });
    return piping;
  }

  private dropIncoming(link: RoomLink, peer: Peer, producerId: string): void {
    const pending = link.incoming.get(producerId);
    link.incoming.delete(producerId);
    link.idleSince.delete(producerId);
    link.asked.delete(producerId);
    peer.producers.delete(producerId);
    pending?.then((p) => p.close(), () => {});
  }

  /**
   * The far side wants a stream: one consumer per stream and link, shared by all its viewers. A
   * simulcast camera crosses as the one layer the far side asked for (a regular consumer on the
   * layers transport); anything else, or a link without one, crosses the pipe whole. Asked again,
   * the layer follows what the far side wants now.
   */
  private async onPipe(from: Neighbor, { room, producerId, layer }: LinkMessage<"pipe">): Promise<unknown> {
    const { net, link } = this.linkOf(room, from);
    const want = layer ?? TOP_LAYER;
    let pending = link.outgoing.get(producerId);
    if (pending) {
      const consumer = await pending;
      if (wantedLayerOf(consumer) !== want) {
        setWantedLayer(consumer, want);
        // Under any early step-down cap the link has now.
        if (consumer.type === "simulcast") await consumer.setPreferredLayers(preferredOf(consumer));
        // A stream piped in here from elsewhere: the want travels on toward its source.
        this.sweep(net);
      }
    } else {
      let self: Promise<types.Consumer> | undefined;
      pending = self = (async () => {
        const producer = await this.sourceOf(net, from, producerId, want);
        const consumer =
          link.layers && isLayered(producer)
            ? await link.layers.consume({
                producerId: producer.id,
                rtpCapabilities: net.room.mediaRouter.rtpCapabilities,
                preferredLayers: { spatialLayer: spatialLayerFor(producer, want) },
                appData: { wantLayer: want },
              })
            : await link.transport.consume({ producerId: producer.id, appData: { wantLayer: want } });
        if (link.closed) {
          consumer.close();
          throw new MediaError("invalid_state", "the link closed");
        }
        const say = (state: "paused" | "resumed" | "closed") => from.notify("producerState", { room, producerId, state });
        consumer.on("producerpause", () => say("paused"));
        consumer.on("producerresume", () => say("resumed"));
        consumer.on("producerclose", () => {
          if (link.outgoing.get(producerId) === self) link.outgoing.delete(producerId);
          say("closed");
        });
        consumer.on("transportclose", () => {
          if (link.outgoing.get(producerId) === self) link.outgoing.delete(producerId);
        });
        return consumer;
      })();
      link.outgoing.set(producerId, self);
      self.catch(() => {
        if (link.outgoing.get(producerId) === self) link.outgoing.delete(producerId);
      });
    }
    const consumer = await pending;
    if (consumer.type === "pipe") return { kind: consumer.kind, rtpParameters: consumer.rtpParameters, paused: consumer.producerPaused };
    return { kind: consumer.kind, rtpParameters: oneEncoding(consumer.rtpParameters), paused: consumer.producerPaused, layered: true };
  }

  /** Where a stream is here: a local peer's producer, or piped in from another side (never from the asker). */
  private async sourceOf(net: RoomNet, asker: Neighbor, producerId: string, want: number): Promise<types.Producer> {
    for (const peer of net.room.allPeers()) {
      if (peer.via) continue;
      const entry = peer.producers.get(producerId);
      if (entry) return entry.producer;
    }
    for (const link of net.links.values()) {
      for (const peer of link.peers.values()) {
        if (!peer.remote.producers.some((p) => p.id === producerId)) continue;
        if (link.neighbor === asker) throw forbidden("a stream is never piped back toward where it came from");
        return this.pipeIn(net, link, peer, producerId, want);
      }
    }
    throw notFound("Producer");
  }

  private async onUnpipe(from: Neighbor, { room, producerId }: LinkMessage<"unpipe">): Promise<unknown> {
    const { link } = this.linkOf(room, from);
    const pending = link.outgoing.get(producerId);
    link.outgoing.delete(producerId);
    if (pending) (await pending.catch(() => undefined))?.close();
    return {};
  }

  /** Pause, resume and close follow a stream hop by hop: the pipe producer here does what its source did. */
  private async onProducerState(from: Neighbor, { room, producerId, state }: LinkMessage<"producerState">): Promise<unknown> {
    const { link } = this.linkOf(room, from);
    const pending = link.incoming.get(producerId);
    if (!pending) return {};
    const producer = await pending.catch(() => undefined);
    if (!producer || producer.closed) return {};
    if (state === "paused") await producer.pause();
    else if (state === "resumed") await producer.resume();
    else {
      const peer = link.peers.get((producer.appData as { peerId?: string }).peerId ?? "");
      if (peer) this.dropIncoming(link, peer, producerId);
      else producer.close();
    }
    return {};
  }

  // — moderation across nodes —

  private async moderate(net: RoomNet, target: Peer, action: "mute" | "unmute", source: Source | "all"): Promise<void> {
    const link = target.via ? net.links.get(target.via) : undefined;
    if (!link) throw notFound("Peer");
    await link.neighbor.request("moderate", { room: net.room.id, peerId: target.id, action, source });
  }

  private async onModerate(from: Neighbor, { room, peerId, action, source }: LinkMessage<"moderate">): Promise<unknown> {
    const { net } = this.linkOf(room, from);
    const target = net.room.findPeer(peerId);
    if (!target) throw notFound("Peer");
    if (target.via === from.id) throw forbidden("a moderation is never sent back toward where it came from");
    if (action === "mute") await net.room.mutePeer(peerId, source);
    else await net.room.unmutePeer(peerId, source);
    return {};
  }

  // — links going down and up —

  private neighborDown(neighbor: Neighbor): void {
    for (const net of this.nets.values()) {
      const link = net.links.get(neighbor.id);
      if (!link || link.neighbor !== neighbor) continue;
      this.teardown(net, link);
      net.room.notifyModerators("linkState", { node: neighbor.id, up: false });
    }
  }

  private neighborUp(neighbor: Neighbor): void {
    for (const net of this.nets.values()) {
      if (this.tree.nextHop(net.spec.home) === neighbor || [...net.room.allPeers()].some((p) => p.via === neighbor.id)) {
        net.room.notifyModerators("linkState", { node: neighbor.id, up: true });
      }
    }
    this.sweepAll();
  }

  private linkOf(room: string, from: Neighbor): { net: RoomNet; link: RoomLink } {
    const net = this.nets.get(room);
    const link = net?.links.get(from.id);
    if (!net || !link || link.neighbor !== from) throw forbidden(`room ${room} is not linked with ${from.id}`);
    return { net, link };
  }
}

/** `layer` as the protocol says it: absent for the top. */
function layerField(want: number): { layer?: number } {
  return Number.isFinite(want) && want >= 0 ? { layer: Math.min(15, want) } : {};
}

/**
 * What the far side produces for a stream that crosses as one layer: the consumer's stream (one
 * SSRC whatever layer it carries, and its RTX) as a plain one-encoding producer. Without the
 * consumer's scalability mode: the far side must see a simple stream, not a layered one.
 */
function oneEncoding(rtp: types.RtpParameters): Record<string, unknown> {
  const encoding = rtp.encodings![0]!;
  return {
    codecs: rtp.codecs,
    headerExtensions: rtp.headerExtensions,
    encodings: [{ ssrc: encoding.ssrc, ...(encoding.rtx ? { rtx: { ssrc: encoding.rtx.ssrc } } : {}) }],
    rtcp: rtp.rtcp,
  };
}

function describe(peer: Peer): RemotePeerInfo {
  if (peer instanceof RemotePeer) return peer.remote;
  const info = peer.info();
  return {
    id: info.id,
    name: info.name,
    role: info.role,
    moderator: info.moderator,
    observer: info.observer,
    sees: peer.sees,
    // Without it the far nodes would list a superior's unseen inspector to the room's own people.
    ...(peer.unlisted ? { unlisted: true } : {}),
    connected: info.connected,
    producers: info.producers,
  };
}
