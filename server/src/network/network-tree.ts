import { EventEmitter } from "node:events";
import type { Namespace, Server } from "socket.io";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { MediaError } from "../errors.ts";
import type { Logger } from "../observability/logger.ts";
import { NETWORK_NAMESPACE, type LinkMessage, type LinkMessageName } from "../protocol/network.ts";
import { LinkVerifier, signLinkToken } from "./link-auth.ts";
import type { NetworkConfig } from "./network-config.ts";
import { Neighbor, type ControlSocket } from "./neighbor.ts";

interface TreeEvents {
  up: [neighbor: Neighbor];
  down: [neighbor: Neighbor, reason: string];
  /** A child's subtree changed: routes may exist now. */
  routes: [];
  refused: [from: string, why: string];
}

export type MessageHandler = (name: LinkMessageName, payload: LinkMessage<LinkMessageName>, from: Neighbor) => Promise<unknown> | unknown;

const RECONNECT_MS = 1000;
const PING_MS = 1000;

/**
 * This node's place in the tree: the control channel to its parent (opened by this node, again
 * and again while the parent is away), the channels its children open, and routing. A child's
 * subtree is remembered after it goes down, so a room below it waits for it rather than being
 * routed up the tree.
 */
export class NetworkTree extends EventEmitter<TreeEvents> {
  private readonly neighbors = new Map<string, Neighbor>();
  private readonly subtrees = new Map<string, Set<string>>();
  private readonly childVerifier: LinkVerifier;
  private readonly parentVerifier: LinkVerifier | undefined;
  private namespace: Namespace | undefined;
  private parentSocket: ClientSocket | undefined;
  private timers: NodeJS.Timeout[] = [];
  private closed = false;
  private lastSubtreeSent = "";

  constructor(
    readonly self: string,
    private readonly config: NetworkConfig,
    private readonly handle: MessageHandler,
    private readonly logger: Logger,
  ) {
    super();
    this.childVerifier = new LinkVerifier(self, config.children);
    this.parentVerifier = config.parent ? new LinkVerifier(self, { [config.parent.id]: config.parent.publicKey }) : undefined;
  }

  start(io: Server): void {
    if (Object.keys(this.config.children).length > 0) this.listenForChildren(io);
    if (this.config.parent) this.connectParent();
    this.timers.push(setInterval(() => this.keepAlive(), PING_MS));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearInterval(t), clearTimeout(t);
    this.parentSocket?.disconnect();
    for (const n of [...this.neighbors.values()]) n.markDown("node closing");
    this.namespace?.disconnectSockets(true);
  }

  /**
   * A neighbour to talk to: connected and done with its handshake. A child that has just connected
   * is not one until it has announced its subtree: before that it may still be checking our
   * `welcome` with no listener for messages, and a request sent then is never answered (the `link`
   * that once waited 10 s after 佛山 came back; server/test/network-relink.test.ts).
   */
  neighbor(id: string): Neighbor | undefined {
    const n = this.neighbors.get(id);
    return n && !n.isDown && n.ready ? n : undefined;
  }

  upNeighbors(): Neighbor[] {
    return [...this.neighbors.values()].filter((n) => !n.isDown && n.ready);
  }

  /** The neighbour toward `target`, or undefined while it is unreachable (or `target` is this node). */
  nextHop(target: string): Neighbor | undefined {
    if (target === this.self) return undefined;
    for (const [child, nodes] of this.subtrees) if (nodes.has(target)) return this.neighbor(child);
    return this.config.parent ? this.neighbor(this.config.parent.id) : undefined;
  }

  /** Whether `target` is known to be below this node (never routed up, then). */
  isBelow(target: string): boolean {
    for (const nodes of this.subtrees.values()) if (nodes.has(target)) return true;
    return false;
  }

  private listenForChildren(io: Server): void {
    const namespace = io.of(NETWORK_NAMESPACE);
    this.namespace = namespace;
    namespace.use(async (socket, next) => {
      try {
        const { node, jti } = await this.childVerifier.verify((socket.handshake.auth as { token?: unknown } | undefined)?.token);
        socket.data.node = node;
        socket.data.jti = jti;
        next();
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        this.emit("refused", "?", why);
        this.logger.warn({ why }, "node link refused");
        next(Object.assign(new Error(why), { data: { code: "unauthenticated" } }));
      }
    });
    namespace.on("connection", async (socket) => {
      const child = socket.data.node as string;
      // The parent proves itself too: a token bound to the child's handshake.
      const { token } = await signLinkToken(this.config.nodeKey!, this.self, child, socket.data.jti as string);
      const neighbor = new Neighbor(child, "child", socket as unknown as ControlSocket, this.onMessage, (from, why) => this.refused(from, why));
      // Ready once the child has checked the parent's answer and sent its subtree (onMessage).
      neighbor.ready = false;
      this.replace(neighbor);
      socket.emit("welcome", { token });
    });
  }

  private connectParent(): void {
    if (this.closed) return;
    const parent = this.config.parent!;
    let jti = "";
    const socket = connect(parent.url + NETWORK_NAMESPACE, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      timeout: 5000,
      auth: (cb) => {
        void signLinkToken(this.config.nodeKey!, this.self, parent.id).then((signed) => {
          jti = signed.jti;
          cb({ token: signed.token });
        });
      },
    });
    this.parentSocket = socket;
    const retry = () => {
      socket.removeAllListeners();
      socket.disconnect();
      if (!this.closed) this.timers.push(setTimeout(() => this.connectParent(), RECONNECT_MS));
    };
    socket.on("connect_error", (error) => {
      this.logger.debug({ parent: parent.id, err: error.message }, "parent unreachable; retrying");
      retry();
    });
    socket.on("welcome", async ({ token }: { token?: unknown }) => {
      try {
        await this.parentVerifier!.verify(token, { expectIssuer: parent.id, nonce: jti });
      } catch (error) {
        this.logger.error({ parent: parent.id, err: String(error) }, "the parent did not prove its identity; dropping the link");
        this.emit("refused", parent.id, String(error));
        return retry();
      }
      const neighbor = new Neighbor(parent.id, "parent", socket as unknown as ControlSocket, this.onMessage, (from, why) => this.refused(from, why));
      neighbor.once("down", () => retry());
      this.replace(neighbor);
      this.sendSubtree(true);
      this.becameUp(neighbor);
    });
    socket.on("disconnect", () => {
      if (!this.neighbors.has(parent.id)) retry();
    });
  }

  private replace(neighbor: Neighbor): void {
    const old = this.neighbors.get(neighbor.id);
    this.neighbors.set(neighbor.id, neighbor);
    if (old && !old.isDown) old.markDown("replaced by a new connection");
    neighbor.once("down", (reason) => {
      if (this.neighbors.get(neighbor.id) === neighbor) this.neighbors.delete(neighbor.id);
      if (neighbor.ready) {
        this.logger.warn({ neighbor: neighbor.id, reason }, "node link down");
        this.emit("down", neighbor, reason);
      }
    });
  }

  private becameUp(neighbor: Neighbor): void {
    neighbor.ready = true;
    this.logger.info({ neighbor: neighbor.id, relation: neighbor.relation }, "node link up");
    this.emit("up", neighbor);
  }

  private readonly onMessage = async (name: LinkMessageName, payload: LinkMessage<LinkMessageName>, from: Neighbor): Promise<unknown> => {
    if (name === "ping") return {};
    if (name === "subtree") {
      if (from.relation !== "child") throw new MediaError("forbidden", "only a child announces a subtree");
      const nodes = new Set((payload as LinkMessage<"subtree">).nodes);
      // A child speaks for its own subtree only: its id must be in it, ours and our parent's not.
      if (!nodes.has(from.id) || nodes.has(this.self) || (this.config.parent && nodes.has(this.config.parent.id))) {
        throw new MediaError("forbidden", "a subtree must hold the child and not its ancestors");
      }
      // Remembered, and grown rather than replaced: a child that restarts announces itself before
      // its own children are back, and the rooms below must keep waiting for it, not go up.
      for (const [child, known] of this.subtrees) if (child !== from.id) for (const n of nodes) known.delete(n);
      this.subtrees.set(from.id, new Set([...(this.subtrees.get(from.id) ?? []), ...nodes]));
      if (!from.ready) this.becameUp(from);
      this.sendSubtree();
      this.emit("routes");
      return {};
    }
    if (!from.ready) throw new MediaError("invalid_state", "the link is not set up yet");
    return this.handle(name, payload, from);
  };

  private sendSubtree(force = false): void {
    const parent = this.config.parent && this.neighbor(this.config.parent.id);
    if (!parent) return;
    const nodes = [this.self, ...[...this.subtrees.values()].flatMap((s) => [...s])].sort();
    const key = nodes.join(",");
    if (!force && key === this.lastSubtreeSent) return;
    this.lastSubtreeSent = key;
    parent.notify("subtree", { nodes: [...new Set(nodes)] });
  }

  /** Pings every neighbour; one silent for `linkDownMs` is down (both ends reach the same verdict). */
  private keepAlive(): void {
    const now = Date.now();
    for (const n of this.neighbors.values()) {
      if (n.isDown) continue;
      if (now - n.lastHeard > this.config.linkDownMs) n.markDown(`no traffic for ${Math.round((now - n.lastHeard) / 1000)} s`);
      else n.notify("ping", { at: now });
    }
  }

  private refused(from: string, why: string): void {
    this.logger.warn({ from, why }, "control message refused");
    this.emit("refused", from, why);
  }
}
