import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ed25519PemKeyPair } from "../../scripts/lib/ed25519-pem.mjs";
import { mediasoupWorkerCachePath } from "../../scripts/bootstrap/mediasoup-worker.mjs";
import { stopChild } from "./child-process.ts";
import { freePort, waitForHttp } from "./stack.ts";

// Issue 11 §1 e2e: real media node processes (server/src/main.ts, as npm start runs one), each
// with its own Ed25519 key and unit, linked parent → child, registering with a portal.

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface RegistryNodeSpec {
  id: string;
  unitId: string;
  parent?: string;
}

export interface RegistryNodes {
  readonly urls: ReadonlyMap<string, string>;
  /** SIGKILL, as a crash: the node sends nothing more. */
  kill(id: string): Promise<void>;
  output(): string;
  stop(): Promise<void>;
}

export async function startRegistryNodes(specs: RegistryNodeSpec[], portal: { url: string; secret: string }, rtcBase: number): Promise<RegistryNodes> {
  const keys = new Map(specs.map((s) => [s.id, ed25519PemKeyPair()]));
  const ports = new Map<string, number>();
  for (const s of specs) ports.set(s.id, await freePort());
  const children = new Map<string, ChildProcess>();
  const dirs: string[] = [];
  let output = "";
  const urls = new Map(specs.map((s) => [s.id, `http://127.0.0.1:${ports.get(s.id)}`]));
  // Any join-token key: nobody joins here, but the node needs one to start.
  const joinKey = ed25519PemKeyPair().publicKey;
  const stop = async () => {
    await Promise.all([...children.values()].map((child) => stopChild(child, "SIGTERM", 5000)));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const [index, s] of specs.entries()) {
      const dir = mkdtempSync(path.join(os.tmpdir(), "ygav-registry-"));
      dirs.push(dir);
      const childKeys = Object.fromEntries(specs.filter((c) => c.parent === s.id).map((c) => [c.id, keys.get(c.id)!.publicKey]));
      const env: NodeJS.ProcessEnv = {
        NODE_ENV: "production",
        PATH: process.env.PATH ?? "",
        MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN ?? mediasoupWorkerCachePath("3.12.16"),
        MEDIA_NODE_ID: s.id,
        MEDIA_PORT: String(ports.get(s.id)),
        MEDIA_HTTP_HOST: "127.0.0.1",
        MEDIA_LISTEN_IP: "127.0.0.1",
        MEDIA_WORKERS: "1",
        MEDIA_RTC_MIN_PORT: String(rtcBase + index * 100),
        MEDIA_RTC_MAX_PORT: String(rtcBase + index * 100 + 99),
        JOIN_TOKEN_PUBLIC_KEY: joinKey,
        PORTAL_URL: portal.url,
        PORTAL_INTERNAL_SECRET: portal.secret,
        MEDIA_UNIT_ID: s.unitId,
        MEDIA_NODE_KEY: keys.get(s.id)!.privateKey,
        MEDIA_HEARTBEAT_SECONDS: "1",
        RECORDINGS_DIR: dir,
        RECORDING_MIN_FREE_MB: "1",
        LOG_LEVEL: "warn",
        ...(s.parent ? { MEDIA_PARENT_ID: s.parent, MEDIA_PARENT_URL: urls.get(s.parent)!, MEDIA_PARENT_KEY: keys.get(s.parent)!.publicKey } : {}),
        ...(Object.keys(childKeys).length > 0 ? { MEDIA_CHILD_KEYS: JSON.stringify(childKeys) } : {}),
      };
      const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server", "src", "main.ts")], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
      const onText = (chunk: Buffer) => (output += `[${s.id}] ${chunk.toString()}`);
      child.stdout!.on("data", onText);
      child.stderr!.on("data", onText);
      children.set(s.id, child);
      await waitForHttp(`${urls.get(s.id)}/health`, 60_000, () => child.exitCode === null);
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output.slice(-3000)}`);
  }
  return {
    urls,
    async kill(id) {
      const child = children.get(id);
      if (child) await stopChild(child, "SIGKILL", 1000);
    },
    output: () => output,
    stop,
  };
}
