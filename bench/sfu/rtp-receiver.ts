// The C receiver (rtp-receiver.c) seen from the load generator: built with the Debian C compiler
// the bootstrap already installs (g++ pulls in gcc) into the project cache, keyed by its source's
// hash, then run as a child that answers "snapshot" with every SSRC's counters.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import path from "node:path";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import { yangguangCacheDir } from "../../scripts/bootstrap/mediasoup-worker.mjs";
import type { FeedbackLeg } from "./setup.ts";

const SOURCE = fileURLToPath(new URL("./rtp-receiver.c", import.meta.url));

export interface ReceiverSsrc {
  ssrc: number;
  firstSeq: number;
  /** Extended highest sequence number (cycles + max). */
  ext: number;
  received: number;
  bytes: number;
}

export interface ReceiverSnapshot {
  /** The receiver process's own CPU (user + system), ms. */
  cpuMs: number;
  /** Datagrams it could not read (errors, truncation). */
  unreadable: number;
  /** transport-cc feedback packets sent, and those it could not protect or send. */
  feedbackSent: number;
  feedbackFailed: number;
  streams: ReceiverSsrc[];
}

/** The binary for this source, compiled once per source version. */
export function buildReceiver(): string {
  const source = readFileSync(SOURCE);
  const hash = createHash("sha256").update(source).digest("hex").slice(0, 16);
  const dir = path.join(yangguangCacheDir(), "bench");
  const binary = path.join(dir, `rtp-receiver-${hash}`);
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  const partial = `${binary}.${process.pid}.tmp`;
  // libsrtp2 (libsrtp2-dev) protects the feedback as the worker expects: the bootstrap installs it
  // for the worker's own build.
  const result = spawnSync("cc", ["-O2", "-Wall", "-o", partial, SOURCE, "-lsrtp2"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`bench/sfu: cc rtp-receiver.c failed (are gcc and libsrtp2-dev installed? npm run bootstrap): ${result.stderr || result.error}`);
  renameSync(partial, binary);
  return binary;
}

export class CReceiver {
  private readonly lines: Interface;
  // Lines arrive in bursts (a snapshot is thousands): those nobody waits for yet are kept.
  private readonly waiting: Array<(line: string) => void> = [];
  private readonly buffered: string[] = [];
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly ports: number[],
    lines: Interface,
  ) {
    this.lines = lines;
    lines.on("line", (line) => {
      const waiter = this.waiting.shift();
      if (waiter) waiter(line);
      else this.buffered.push(line);
    });
  }

  static async start(count: number, bufferBytes: number): Promise<CReceiver> {
    const child = spawn(buildReceiver(), [String(count), String(bufferBytes)], { stdio: ["pipe", "pipe", "pipe"] });
    child.stderr.on("data", (chunk: Buffer) => process.stderr.write(`rtp-receiver: ${chunk}`));
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      child.once("exit", (code) => reject(new Error(`rtp-receiver exited (${code}) before listening`)));
    });
    const ports = first.split(" ").slice(1).map(Number);
    return new CReceiver(child, ports, lines);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Every SSRC heard so far, with the receiver's CPU at the same moment. */
  snapshot(): Promise<ReceiverSnapshot> {
    return this.serially(async () => {
      this.child.stdin.write("snapshot\n");
      const head = await this.nextLine();
      const [, cpuUs, , drops, , sent, , failed] = head.split(" ");
      const streams: ReceiverSsrc[] = [];
      for (let line = await this.nextLine(); line !== "end"; line = await this.nextLine()) {
        const [ssrc, firstSeq, ext, received, bytes] = line.split(" ").map(Number) as [number, number, number, number, number];
        streams.push({ ssrc, firstSeq, ext, received, bytes });
      }
      return { cpuMs: Number(cpuUs) / 1000, unreadable: Number(drops), feedbackSent: Number(sent), feedbackFailed: Number(failed), streams };
    });
  }

  /** Acknowledges these legs with transport-cc feedback every `intervalMs` (0: none) from now on. */
  feedback(legs: FeedbackLeg[], intervalMs: number): Promise<void> {
    return this.serially(async () => {
      const lines = [`feedback ${intervalMs}`, ...legs.map((l) => `leg ${l.workerPort} ${l.srtp?.cryptoSuite ?? "none"} ${l.twccExtensionId} ${l.srtp?.keyBase64 ?? "-"}`)];
      this.child.stdin.write(lines.map((l) => `${l}\n`).join(""));
      for (const line of lines) {
        const answer = await this.nextLine();
        if (answer !== "ok") throw new Error(`rtp-receiver refused "${line.split(" ").slice(0, 3).join(" ")}": ${answer}`);
      }
    });
  }

  reset(): Promise<void> {
    return this.serially(async () => {
      this.child.stdin.write("reset\n");
      await this.nextLine();
    });
  }

  stop(): void {
    this.child.stdin.end();
    this.lines.close();
  }

  private nextLine(): Promise<string> {
    const line = this.buffered.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private serially<T>(run: () => Promise<T>): Promise<T> {
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => {});
    return next;
  }
}
