// The portal and a media node for the benchmark, started the way scripts/e2e-portal.mjs starts
// them: the built portal on a fresh temporary embedded database, throwaway secrets, and ports of
// its own so that it can run beside the e2e server or `npm start`.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ephemeralSecrets } from "../../scripts/lib/local-secrets.mjs";
import { serviceEnv, setUpDatabase, startMediaNode, startPortal } from "../../scripts/lib/services.mjs";

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface Stack {
  portalUrl: string;
  /** The environment both services were given (secrets included): a bench that runs its own media node passes it on. */
  env: Record<string, string | undefined>;
  stop(): Promise<void>;
}

export interface StackOptions {
  portalPort: number;
  mediaPort: number;
  /** Away from the default range (40000–40999) that an e2e or npm start node uses. */
  rtcMinPort?: number;
  rtcMaxPort?: number;
  /** false: only the portal; the caller runs a media node on `mediaPort` itself, with `env`. */
  mediaNode?: boolean;
  /** Set or override variables of both services (e.g. MEDIA_PUBLIC_URL). */
  extraEnv?: Record<string, string>;
}

export async function startStack({ portalPort, mediaPort, rtcMinPort = 41000, rtcMaxPort = 41999, mediaNode = true, extraEnv = {} }: StackOptions): Promise<Stack> {
  if (!fs.existsSync(path.join(ROOT_DIR, "web", ".next", "BUILD_ID"))) {
    throw new Error("web/.next has no build: run `npx next build` in web/ first");
  }
  for (const port of [portalPort, mediaPort]) {
    if (await answers(`http://127.0.0.1:${port}/`)) throw new Error(`port ${port} is already in use; pass --port / --media-port`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ygav-bench-join-"));
  const env = serviceEnv(
    {
      ...process.env,
      YANGGUANG_ROOT: ROOT_DIR,
      DATABASE_URL: `pglite:${path.join(dataDir, "pglite")}`,
      LOG_LEVEL: "warn",
      MEDIA_RTC_MIN_PORT: String(rtcMinPort),
      MEDIA_RTC_MAX_PORT: String(rtcMaxPort),
      // Every simulated participant connects from loopback.
      MEDIA_MAX_CONNECTIONS_PER_ADDRESS: "100000",
      ...ephemeralSecrets(),
      ...extraEnv,
    },
    { portalPort, mediaPort },
  );
  await setUpDatabase({ rootDir: ROOT_DIR, env });
  const children: ChildProcess[] = [startPortal({ rootDir: ROOT_DIR, env }), ...(mediaNode ? [startMediaNode({ rootDir: ROOT_DIR, env })] : [])];
  const stop = async () => {
    await Promise.all(children.map((child) => stopChild(child)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`http://127.0.0.1:${portalPort}/login`);
    if (mediaNode) await waitFor(`http://127.0.0.1:${mediaPort}/health`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { portalUrl: `http://127.0.0.1:${portalPort}`, env, stop };
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} did not come up within ${timeoutMs / 1000} s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
