import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ed25519PemKeyPair } from "../../../scripts/lib/ed25519-pem.mjs";
import { TreePortal } from "./tree-portal.ts";
import { capCommands, cutCommands, netnsAvailable, run, setupCommands, teardownCommands } from "../../../scripts/lib/netns.mjs";

// A chain of real media nodes, each its own process in its own network namespace, linked to its
// parent by a veth pair exactly as `npm run demo:network` does as root (scripts/lib/netns.mjs), so
// a test can cap (tc tbf) or cut a link of the tree. The test reaches each node at its LAN address
// from the host, and works inside it through netns-node-harness.ts. Subnets 10.93/10.94 and the
// "ygt-" prefix keep clear of a demo network running on the same machine.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const PORT = 4500;

export const netnsUsable = (): boolean => netnsAvailable();

function namespaceOf(index: number, id: string) {
  const n = index + 1;
  return {
    name: `ygt-${id}`,
    hostDev: `ygth-${id}`,
    nodeDev: `ygtn-${id}`,
    hostAddress: `10.94.${n}.1`,
    nodeAddress: `10.94.${n}.2`,
    upDev: `ygtu-${id}`,
    downDev: `ygtd-${id}`,
    upAddress: `10.93.${n}.2`,
    downAddress: `10.93.${n}.1`,
  };
}

interface NetnsNode {
  id: string;
  url: string;
  child: ChildProcess;
  pending: Map<number, (reply: { ok: boolean; result?: unknown; error?: string }) => void>;
}

export class NetnsTree extends TreePortal {
  private readonly nodes = new Map<string, NetnsNode>();
  private seq = 0;
  readonly plan: { nodes: Array<{ id: string; ns: ReturnType<typeof namespaceOf> }>; links: Array<{ child: string; parent: string; childNs: ReturnType<typeof namespaceOf>; parentNs: ReturnType<typeof namespaceOf> }> };

  /** `chain`: node ids from the top down, each the parent of the next. */
  constructor(readonly chain: string[]) {
    super();
    const nodes = chain.map((id, i) => ({ id, ns: namespaceOf(i, id) }));
    this.plan = { nodes, links: nodes.slice(1).map((n, i) => ({ child: n.id, parent: nodes[i]!.id, childNs: n.ns, parentNs: nodes[i]!.ns })) };
  }

  /** Namespaces go away lazily (the kernel frees one when its last socket does): the host ends of
   * the veths are deleted explicitly, which deletes their peers now. */
  private teardown(): void {
    run(teardownCommands(this.plan), { ignoreErrors: true });
    run(this.plan.nodes.map(({ ns }) => ["ip", "link", "del", ns.hostDev]), { ignoreErrors: true });
  }

  async start(env: Record<string, string> = {}): Promise<void> {
    this.teardown();
    run(setupCommands(this.plan));
    const keys = new Map(this.chain.map((id) => [id, ed25519PemKeyPair()]));
    for (const [i, { id, ns }] of this.plan.nodes.entries()) {
      const parent = i > 0 ? this.plan.nodes[i - 1]! : undefined;
      const childId = this.chain[i + 1];
      const nodeEnv: Record<string, string> = {
        PATH: process.env.PATH!,
        HOME: process.env.HOME!,
        MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN!,
        MEDIA_NODE_ID: id,
        MEDIA_PORT: String(PORT),
        MEDIA_HTTP_HOST: "0.0.0.0",
        MEDIA_LISTEN_IP: ns.nodeAddress,
        MEDIA_PIPE_IP: ns.nodeAddress,
        MEDIA_RTC_MIN_PORT: "40000",
        MEDIA_RTC_MAX_PORT: "40199",
        MEDIA_WORKERS: "1",
        MEDIA_NODE_KEY: keys.get(id)!.privateKey,
        JOIN_TOKEN_PUBLIC_KEY: this.portal.publicKey,
        LOG_LEVEL: process.env.NETWORK_LOG_LEVEL ?? "silent",
        MEDIA_ROOM_EMPTY_GRACE_SECONDS: "30",
        ...(parent ? { MEDIA_PARENT_ID: parent.id, MEDIA_PARENT_URL: `http://${ns.downAddress}:${PORT}`, MEDIA_PARENT_KEY: keys.get(parent.id)!.publicKey } : {}),
        ...(childId ? { MEDIA_CHILD_KEYS: JSON.stringify({ [childId]: keys.get(childId)!.publicKey }) } : {}),
        ...env,
      };
      const child = spawn("ip", ["netns", "exec", ns.name, process.execPath, "--import", "tsx", path.join(root, "server/test/support/netns-node-harness.ts")], {
        cwd: root,
        env: nodeEnv as NodeJS.ProcessEnv,
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      const node: NetnsNode = { id, url: `http://${ns.nodeAddress}:${PORT}`, child, pending: new Map() };
      this.nodes.set(id, node);
      await new Promise<void>((resolve, reject) => {
        child.once("exit", (code) => reject(new Error(`node ${id} exited (${code}) before it was ready`)));
        child.on("message", (message: { ready?: boolean; id?: number; ok: boolean; result?: unknown; error?: string }) => {
          if (message.ready) return resolve();
          const done = node.pending.get(message.id!);
          node.pending.delete(message.id!);
          done?.(message);
        });
      });
    }
  }

  url(id: string): string {
    return this.nodes.get(id)!.url;
  }

  /** One operation inside node `id` (netns-node-harness.ts). */
  call<T = unknown>(id: string, op: string, args: Record<string, string | number> = {}): Promise<T> {
    const node = this.nodes.get(id)!;
    const requestId = ++this.seq;
    return new Promise((resolve, reject) => {
      node.pending.set(requestId, (reply) => (reply.ok ? resolve(reply.result as T) : reject(new Error(`${id} ${op}: ${reply.error}`))));
      node.child.send({ id: requestId, op, args: Object.fromEntries(Object.entries(args).map(([k, v]) => [k, String(v)])) });
    });
  }

  /** Cuts the link between `child` and its parent (both ends down), or restores it. */
  cut(child: string, restore = false): void {
    run(cutCommands(this.plan, child, restore));
  }

  /** Caps the link between `child` and its parent both ways (tc tbf), or lifts the cap (null). */
  cap(child: string, rate: string | null): void {
    run(capCommands(this.plan, child, rate), { ignoreErrors: rate === null });
  }

  async close(): Promise<void> {
    this.closeClients();
    await Promise.all(
      [...this.nodes.values()].map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
            child.once("exit", () => (clearTimeout(timer), resolve()));
            child.kill("SIGTERM");
          }),
      ),
    );
    this.teardown();
  }
}
