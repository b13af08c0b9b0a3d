import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { Page } from "@playwright/test";
import { stopChild } from "./child-process.ts";
import { supervisedPids } from "./supervised-pids.ts";
import { freePort } from "./stack.ts";

// The media network of `npm run demo:network` (issue 11 §5) for the multi-node e2e: the same
// launcher (scripts/demo-network.mjs) on loopback ports, with a temporary database and throwaway
// secrets. Each node is its own supervised process; a spec can kill one by pid and watch the
// supervisor bring it back.

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface NetworkNode {
  id: string;
  url: string;
  parent: string | null;
}

export interface NetworkStack {
  readonly portalUrl: string;
  readonly nodes: ReadonlyMap<string, NetworkNode>;
  node(id: string): NetworkNode;
  /** The pid of a service's current process: "portal" or "media node <id>". */
  pid(name: string): number;
  /** Waits until the supervisor has started `name` again (a pid other than `previous`). */
  restarted(name: string, previous: number, timeoutMs?: number): Promise<number>;
  /** A node's /metrics value for one neighbour (0 when absent). */
  linkMetric(id: string, metric: string, neighbor: string): Promise<number>;
  output(): string;
  stop(): Promise<void>;
}

/** `netns`: each node in its own network namespace (root only; one such network at a time). */
export async function startNetworkStack({ nodes, mediaPort, rtcPort, netns = false }: { nodes: string[]; mediaPort: number; rtcPort: number; netns?: boolean }): Promise<NetworkStack> {
  const portalPort = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(ROOT, "scripts", "demo-network.mjs"),
      "--ephemeral",
      netns ? "--netns" : "--loopback",
      ...["--port", String(portalPort), "--media-port", String(mediaPort), "--rtc-port", String(rtcPort), "--nodes", nodes.join(",")],
    ],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "warn", VISIT_MIN_SLOT_MINUTES: "1" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const supervised = supervisedPids(() => output);
  const found = new Map<string, NetworkNode>();
  let ready!: () => void;
  let failed!: (error: Error) => void;
  const readyPromise = new Promise<void>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  const onText = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    supervised.read(text);
    // The launcher's guide: "  <id> <name> <url> parent <id>|top", once every node answers.
    for (const match of output.matchAll(/^ +([a-z0-9]+)\s.*?(http:\/\/[\d.]+:\d+)\s+(?:parent ([a-z0-9]+)|top)$/gm)) {
      found.set(match[1]!, { id: match[1]!, url: match[2]!, parent: match[3] ?? null });
    }
    if (/\[demo\] ready/.test(output) && found.size === nodes.length) ready();
  };
  child.stdout!.on("data", onText);
  child.stderr!.on("data", onText);
  child.once("exit", (code) => failed(new Error(`the demo network exited (${code})\n${output.slice(-3000)}`)));
  const stop = () => stopChild(child, "SIGTERM", 20_000);
  const timer = setTimeout(() => failed(new Error(`the demo network was not ready within 4 minutes\n${output.slice(-3000)}`)), 240_000);
  try {
    await readyPromise;
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }

  const node = (id: string) => {
    const n = found.get(id);
    if (!n) throw new Error(`no node ${id} in the demo network`);
    return n;
  };
  return {
    portalUrl: `http://127.0.0.1:${portalPort}`,
    nodes: found,
    node,
    pid: (name) => supervised.pid(name),
    restarted: (name, previous, timeoutMs) => supervised.restarted(name, previous, timeoutMs),
    async linkMetric(id, metric, neighbor) {
      const response = await fetch(`${node(id).url}/metrics`, { headers: { authorization: `Bearer ${process.env.METRICS_TOKEN}` } });
      const text = await response.text();
      if (!response.ok) throw new Error(`${id} /metrics: ${response.status} ${text}`);
      const line = text.split("\n").find((l) => l.startsWith(`${metric}{neighbor="${neighbor}"}`));
      return line ? Number(line.split(" ").at(-1)) : 0;
    },
    output: () => output,
    stop,
  };
}

/** Records the media node URLs a page opens signaling to (socket.io runs over WebSocket only). */
export function signalingOrigins(page: Page): () => string[] {
  const origins = new Set<string>();
  page.on("websocket", (ws) => {
    const url = new URL(ws.url());
    if (url.pathname.startsWith("/socket.io")) origins.add(`http://${url.host}`);
  });
  return () => [...origins];
}
