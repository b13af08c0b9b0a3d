import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ed25519PemKeyPair } from "../../../scripts/lib/ed25519-pem.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface NodeProcess {
  child: ChildProcess;
  port: number;
  /** Signs join tokens this node accepts. */
  privateKey: string;
  /** Everything the process wrote (JSON log lines). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The media node as its own process (`tsx server/src/main.ts`), as `npm start` runs it: what
 * ends the process can only be seen from outside it.
 */
export async function spawnMediaNode(
  env: Record<string, string> = {},
  { keepOutput = true, nodeArgs = [] as string[] } = {},
): Promise<NodeProcess> {
  const { publicKey, privateKey } = ed25519PemKeyPair();
  // Only what the node needs: the test runner's own variables (PORTAL_*, …) are not its.
  const childEnv: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...(process.env.MEDIASOUP_WORKER_BIN ? { MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN } : {}),
    MEDIA_NODE_ID: "spawned",
    MEDIA_PORT: "0",
    MEDIA_HTTP_HOST: "127.0.0.1",
    MEDIA_WORKERS: "1",
    MEDIA_RTC_MIN_PORT: "38000",
    MEDIA_RTC_MAX_PORT: "38999",
    JOIN_TOKEN_PUBLIC_KEY: publicKey,
    LOG_LEVEL: "info",
    ...env,
  };
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), [...nodeArgs, path.join(root, "server", "src", "main.ts")], {
    cwd: root,
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`media node did not start:\n${output}`)), 30_000);
    let onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"port":(\d+)[^\n]*"media node listening"/.exec(output);
      if (match) {
        // A long run (a benchmark) keeps draining the pipe but not the text.
        if (!keepOutput) onData = () => undefined;
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on("data", (chunk: Buffer) => onData(chunk));
    child.stderr!.on("data", (chunk: Buffer) => onData(chunk));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`media node exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    child,
    port,
    privateKey,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGINT");
      await exited;
    },
  };
}
