import { createPublicKey, randomUUID } from "node:crypto";
import type { Logger } from "../observability/logger.ts";
import { REGISTER_AGAIN, type NodeHeartbeat, type NodeRegistration } from "../protocol/node-registry.ts";
import { signNodeReport } from "../protocol/node-report-proof.ts";
import type { NodeFigureSampler } from "./node-figures.ts";

export interface RegistrarOptions {
  portal: { url: string; secret: string };
  node: string;
  unit: string;
  parent: string | null;
  /** PKCS#8 PEM of the node's own Ed25519 key (MEDIA_NODE_KEY). */
  privateKey: string;
  publicUrl: string;
  internalUrl: string;
  heartbeatMs: number;
  sampler: NodeFigureSampler;
  logger: Logger;
}

const RETRY_MAX_MS = 30_000;

/**
 * Issue 11 §1: registers this node with the portal at start, then sends a heartbeat every
 * `heartbeatMs`. Each report is signed with the node's own key; the portal's internal secret is
 * the bearer too. The portal being away is normal (it restarts, it starts later): registration is
 * retried with backoff, and a heartbeat the portal cannot place (it lost the row, or this is a new
 * boot) makes the node register again. A refusal (another key holds this node id) is logged as
 * an error and retried slowly, so that an operator's fix on the portal takes effect by itself.
 */
export class NodeRegistrar {
  readonly boot = randomUUID();
  private seq = 0;
  private registered = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private retryMs = 1000;
  private readonly publicKey: string;
  /** Whether the last report the portal answered was accepted (tests, /health). */
  lastOutcome: "none" | "accepted" | "refused" | "unreachable" = "none";

  constructor(private readonly options: RegistrarOptions) {
    this.publicKey = createPublicKey(options.privateKey).export({ type: "spki", format: "pem" }).toString();
  }

  start(): void {
    void this.tick();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  get isRegistered(): boolean {
    return this.registered;
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.closed) return;
    try {
      if (!this.registered) await this.register();
      else await this.heartbeat();
      this.retryMs = 1000;
      this.schedule(this.options.heartbeatMs);
    } catch (error) {
      const e = error as Error & { refused?: boolean };
      this.lastOutcome = e.refused ? "refused" : "unreachable";
      const delay = e.refused ? RETRY_MAX_MS : this.retryMs;
      const log = e.refused ? this.options.logger.error.bind(this.options.logger) : this.options.logger.warn.bind(this.options.logger);
      log({ err: e.message, retryInMs: delay }, this.registered ? "heartbeat to the portal failed" : "registration with the portal failed");
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
      this.schedule(delay);
    }
  }

  private async register(): Promise<void> {
    const o = this.options;
    const report: NodeRegistration = {
      type: "register",
      node: o.node,
      unit: o.unit,
      publicUrl: o.publicUrl,
      internalUrl: o.internalUrl,
      parent: o.parent,
      publicKey: this.publicKey,
      boot: this.boot,
      sentAt: new Date().toISOString(),
    };
    await this.post("register", report);
    this.registered = true;
    this.options.logger.info({ boot: this.boot }, "registered with the portal");
  }

  private async heartbeat(): Promise<void> {
    const report: NodeHeartbeat = {
      type: "heartbeat",
      node: this.options.node,
      boot: this.boot,
      seq: ++this.seq,
      sentAt: new Date().toISOString(),
      figures: await this.options.sampler.sample(),
    };
    try {
      await this.post("heartbeat", report);
    } catch (error) {
      if ((error as { code?: string }).code === REGISTER_AGAIN) {
        this.registered = false;
        await this.register();
        return;
      }
      throw error;
    }
  }

  private async post(kind: "register" | "heartbeat", report: NodeRegistration | NodeHeartbeat): Promise<void> {
    const o = this.options;
    const proof = await signNodeReport(o.privateKey, o.node, report);
    let response: Response;
    try {
      response = await fetch(new URL(`/api/internal/media-nodes/${kind}`, o.portal.url), {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${o.portal.secret}` },
        body: JSON.stringify({ report, proof }),
        signal: AbortSignal.timeout(5000),
      });
    } catch (error) {
      throw new Error(`portal unreachable: ${(error as Error).message}`);
    }
    if (response.ok) {
      this.lastOutcome = "accepted";
      return;
    }
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    const code = body?.error?.code ?? "";
    const error = Object.assign(new Error(`portal answered ${response.status} ${code}: ${body?.error?.message ?? ""}`), {
      code,
      // 4xx other than "register again": the portal refuses this node as configured; 5xx and 429: try again soon.
      refused: response.status >= 400 && response.status < 500 && response.status !== 429 && code !== REGISTER_AGAIN,
    });
    throw error;
  }
}
