import client from "prom-client";
import type { Server } from "socket.io";
import type { RoomManager } from "../media/room-manager.ts";
import type { Logger } from "../observability/logger.ts";
import type { NetworkConfig } from "./network-config.ts";
import { NetworkTree } from "./network-tree.ts";
import { RoomLinks, type PipeTap } from "./room-links.ts";

export interface NodeNetworkOptions {
  nodeId: string;
  config: NetworkConfig;
  rooms: RoomManager;
  io: Server;
  logger: Logger;
  registry: client.Registry;
  /** Tests: a relay between this node's pipes and a neighbour's (a lossy link). */
  pipeTap?: (neighbor: string) => PipeTap | undefined;
}

/** The media network on one node (issue 11): its tree of control channels and its linked rooms. */
export class NodeNetwork {
  readonly tree: NetworkTree;
  readonly links: RoomLinks;
  /** Control messages refused (forged, malformed, or naming a room the sender has no link for). */
  readonly refusals = new client.Counter({ name: "media_link_refusals_total", help: "Node links and control messages refused", registers: [] });

  private constructor(options: NodeNetworkOptions) {
    const logger = options.logger.child({ component: "network" });
    this.tree = new NetworkTree(options.nodeId, options.config, (name, payload, from) => this.links.handle(name, payload, from), logger);
    this.links = new RoomLinks(options.nodeId, options.config, options.rooms, this.tree, logger, options.pipeTap);
    options.registry.registerMetric(this.refusals);
    this.tree.on("refused", () => this.refusals.inc());
    const links = this.links;
    const gauge = (name: string, help: string, read: (s: Awaited<ReturnType<RoomLinks["linkStats"]>>[number]) => number) =>
      new client.Gauge({
        name,
        help,
        labelNames: ["neighbor"],
        registers: [options.registry],
        async collect() {
          this.reset();
          for (const s of await links.linkStats()) this.set({ neighbor: s.neighbor }, read(s));
        },
      });
    gauge("media_link_up", "Whether the link to a neighbouring node is up (1) or down (0)", (s) => (s.up ? 1 : 0));
    gauge("media_link_rooms", "Rooms linked with a neighbouring node", (s) => s.rooms);
    gauge("media_link_streams_out", "Streams sent to a neighbouring node (each at most once)", (s) => s.streamsOut);
    gauge("media_link_send_bitrate_bps", "Bitrate sent through the pipes to a neighbouring node", (s) => s.sendBitrate);
    gauge("media_link_recv_bitrate_bps", "Bitrate received through the pipes from a neighbouring node", (s) => s.recvBitrate);
    this.tree.start(options.io);
  }

  /** Only for a node with a parent or children: a lone node runs exactly as before. */
  static startIfConfigured(options: NodeNetworkOptions): NodeNetwork | undefined {
    const { config } = options;
    if (!config.parent && Object.keys(config.children).length === 0) return undefined;
    return new NodeNetwork(options);
  }

  close(): void {
    this.links.close();
    this.tree.close();
  }
}
