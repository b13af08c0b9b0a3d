import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { stopChild } from "./child-process.ts";
import { supervisedPids } from "./supervised-pids.ts";

// A portal and a media node of their own for the deployment specs, started the way `npm start`
// runs them (scripts/e2e-portal.mjs: migrate + seed a temporary database, then the supervisor),
// on free ports, with extra environment (TURN, proxies). The spec can kill either child by pid
// and watch the supervisor bring it back.

const ROOT = path.resolve(import.meta.dirname, "../..");
export type ServiceName = "portal" | "media node";

export interface Stack {
  readonly portalUrl: string;
  readonly mediaUrl: string;
  readonly portalPort: number;
  readonly mediaPort: number;
  /** The pid of the service's current process (the supervisor's child). */
  pid(name: ServiceName): number;
  /** Waits until the supervisor has started `name` again (a pid other than `previous`). */
  restarted(name: ServiceName, previous: number, timeoutMs?: number): Promise<number>;
  /** Everything the stack printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * A port nobody listens on, below the kernel's ephemeral range (32768+ here). A port the kernel
 * picks for `listen(0)` comes from that range, and between our probe and the child's listen the
 * kernel can hand it to an outgoing connection as its source port (seen in CI: EADDRINUSE).
 */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port, host)) return port;
  }
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Polls `url` until it answers 2xx (or the child dies, or time runs out). */
export async function waitForHttp(url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      // Generous: on a loaded machine the first answer (the database opening) takes seconds.
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    if (!alive()) throw new Error(`the process behind ${url} exited`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function startStack(
  env: Record<string, string> = {},
  ports?: { portal?: number; media?: number },
  { waitForMedia = true } = {},
): Promise<Stack> {
  const portalPort = ports?.portal ?? (await freePort());
  const mediaPort = ports?.media ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "scripts", "e2e-portal.mjs")], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", ...env, E2E_PORT: String(portalPort), E2E_MEDIA_PORT: String(mediaPort) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const supervised = supervisedPids(() => output);
  const onText = (chunk: Buffer) => {
    output += chunk.toString();
    supervised.read(chunk.toString());
  };
  child.stdout!.on("data", onText);
  child.stderr!.on("data", onText);
  const alive = () => child.exitCode === null && child.signalCode === null;
  const portalUrl = `http://127.0.0.1:${portalPort}`;
  const mediaUrl = `http://127.0.0.1:${mediaPort}`;

  const stop = () => stopChild(child, "SIGTERM", 15_000);
  try {
    await waitForHttp(`${portalUrl}/api/v1/health`, 180_000, alive);
    if (waitForMedia) await waitForHttp(`${mediaUrl}/health`, 60_000, alive);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output.slice(-3000)}`);
  }

  return {
    portalUrl,
    mediaUrl,
    portalPort,
    mediaPort,
    pid: (name) => supervised.pid(name),
    restarted: (name, previous, timeoutMs) => supervised.restarted(name, previous, timeoutMs),
    output: () => output,
    stop,
  };
}
