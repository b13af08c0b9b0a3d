import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { acceptsTcp, stopChild } from "./child-process.ts";
import { freePort } from "./stack.ts";

// A real coturn (Debian's `coturn` package) on loopback with the shared-secret scheme the portal
// signs credentials for, in a temporary folder: its own pid file, user database and log.

export interface Coturn {
  readonly port: number;
  stop(): Promise<void>;
  log(): string;
}

const TURNSERVER = "/usr/bin/turnserver";

export async function startCoturn(secret: string): Promise<Coturn> {
  if (!fs.existsSync(TURNSERVER)) throw new Error(`coturn is not installed (${TURNSERVER}); run npm test, whose bootstrap installs "coturn"`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ygav-turn-"));
  const port = await freePort();
  const logFile = path.join(dir, "turn.log");
  const child = spawn(
    TURNSERVER,
    [
      "-n", // no configuration file: everything is here
      "--listening-ip=127.0.0.1",
      "--relay-ip=127.0.0.1",
      `--listening-port=${port}`,
      "--use-auth-secret",
      `--static-auth-secret=${secret}`,
      "--realm=yangguang",
      "--fingerprint",
      "--no-cli",
      "--no-tls",
      "--no-dtls",
      // The media node listens on 127.0.0.1 in tests; coturn refuses loopback peers by default.
      "--allow-loopback-peers",
      `--userdb=${path.join(dir, "turndb")}`,
      `--pidfile=${path.join(dir, "turnserver.pid")}`,
      `--log-file=${logFile}`,
      "--simple-log",
    ],
    { stdio: "ignore" },
  );
  const log = () => {
    try {
      return fs.readFileSync(logFile, "utf8");
    } catch {
      return "";
    }
  };
  const stop = async () => {
    await stopChild(child, "SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  while (!(await acceptsTcp(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const text = log();
      await stop();
      throw new Error(`coturn did not start on 127.0.0.1:${port}\n${text.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { port, stop, log };
}
