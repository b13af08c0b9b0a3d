import { EventEmitter } from "node:events";
import { MediaError } from "../errors.ts";
import { LINK_MESSAGES, type LinkMessage, type LinkMessageName } from "../protocol/network.ts";

/** What both ends of a control channel have in common (a socket.io server socket or a client socket). */
export interface ControlSocket {
  on(event: "msg", listener: (envelope: unknown, ack?: (reply: unknown) => void) => void): unknown;
  on(event: "disconnect", listener: (reason: string) => void): unknown;
  emit(event: "msg", envelope: unknown): unknown;
  timeout(ms: number): { emitWithAck(event: "msg", envelope: unknown): Promise<unknown> };
  disconnect(): unknown;
}

type Reply = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
export type LinkHandler = (name: LinkMessageName, payload: LinkMessage<LinkMessageName>, from: Neighbor) => Promise<unknown> | unknown;

const REQUEST_TIMEOUT_MS = 10_000;

interface NeighborEvents {
  down: [reason: string];
}

/**
 * One authenticated neighbour (parent or child) over its control socket. Every message names
 * its type and is parsed with that type's schema before anything acts on it; anything else is
 * refused with a typed error (and counted). `lastHeard` drives the 5 s link-down rule.
 */
export class Neighbor extends EventEmitter<NeighborEvents> {
  lastHeard = Date.now();
  /** Node ids below this neighbour (children only), from its `subtree` messages. */
  subtree = new Set<string>();
  /** Set by the tree once both ends proved who they are. */
  ready = true;
  private down = false;

  constructor(
    readonly id: string,
    readonly relation: "parent" | "child",
    private readonly socket: ControlSocket,
    handler: LinkHandler,
    onRefused: (from: string, why: string) => void,
  ) {
    super();
    socket.on("msg", (envelope, ack) => {
      this.lastHeard = Date.now();
      const reply = (r: Reply) => (typeof ack === "function" ? ack(r) : undefined);
      const parsed = parseEnvelope(envelope);
      if ("error" in parsed) {
        onRefused(id, parsed.error);
        return reply({ ok: false, error: { code: "invalid_message", message: parsed.error } });
      }
      Promise.resolve()
        .then(() => handler(parsed.name, parsed.payload, this))
        .then(
          (data) => reply({ ok: true, data: data ?? {} }),
          (error: unknown) => {
            const e = error instanceof MediaError ? error : new MediaError("internal", String(error));
            if (e.code === "forbidden" || e.code === "invalid_message") onRefused(id, e.message);
            reply({ ok: false, error: { code: e.code, message: e.message } });
          },
        );
    });
    socket.on("disconnect", (reason) => this.markDown(`disconnected: ${reason}`));
  }

  get isDown(): boolean {
    return this.down;
  }

  notify<K extends LinkMessageName>(name: K, payload: LinkMessage<K>): void {
    if (!this.down) this.socket.emit("msg", { type: name, payload });
  }

  /** `timeoutMs`: how long an answer may take before the caller gives up (and may try again). */
  async request<K extends LinkMessageName>(name: K, payload: LinkMessage<K>, timeoutMs = REQUEST_TIMEOUT_MS): Promise<unknown> {
    if (this.down) throw new MediaError("node_busy", `link to ${this.id} is down`);
    const reply = (await this.socket.timeout(timeoutMs).emitWithAck("msg", { type: name, payload })) as Reply;
    if (!reply || typeof reply !== "object") throw new MediaError("internal", `${this.id} sent no reply to ${name}`);
    if (!reply.ok) throw new MediaError(reply.error.code as never, `${this.id} refused ${name}: ${reply.error.message}`);
    return reply.data;
  }

  /** Declares the link down once (silence, a disconnect or a close) and drops the socket. */
  markDown(reason: string): void {
    if (this.down) return;
    this.down = true;
    this.socket.disconnect();
    this.emit("down", reason);
  }
}

function parseEnvelope(envelope: unknown): { name: LinkMessageName; payload: LinkMessage<LinkMessageName> } | { error: string } {
  if (!envelope || typeof envelope !== "object") return { error: "a control message is an object { type, payload }" };
  const { type, payload } = envelope as { type?: unknown; payload?: unknown };
  if (typeof type !== "string" || !Object.hasOwn(LINK_MESSAGES, type)) return { error: `unknown control message ${String(type).slice(0, 40)}` };
  const schema = LINK_MESSAGES[type as LinkMessageName];
  const parsed = schema.safeParse(payload);
  if (!parsed.success) return { error: `${type}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}` };
  return { name: type as LinkMessageName, payload: parsed.data };
}
