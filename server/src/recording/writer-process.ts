import { spawn, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { rename } from "node:fs/promises";
import { dieWithParent } from "./die-with-parent.ts";
import { writerCommand, type TrackCodec } from "./writer-command.ts";
import { registerWriter, unregisterWriter } from "./writer-pid-files.ts";
import { waitForUdpPort } from "./udp-listening.ts";

export interface WriterOptions {
  /** RECORDINGS_DIR: the writer's pid file goes there while it runs (writer-pid-files.ts). */
  recordingsDir?: string;
  /** Sent SIGINT when the node dies (die-with-parent.ts); default true. */
  dieWithParent?: boolean;
}

interface WriterEvents {
  /** The process ended without being asked to (killed, crashed): `code`/`signal` say how. */
  died: [code: number | null, signal: NodeJS.Signals | null];
  /** A line of the writer's stderr (warnings, errors). */
  line: [line: string];
}

/** How long a writer gets to bind its port, and to finish its file after being asked to stop. */
const LISTEN_TIMEOUT_MS = 5000;
const STOP_TIMEOUT_MS = 5000;

/**
 * One gst-launch-1.0 process writing one track's file. `start` resolves once it listens on its
 * UDP port; `stop` asks it to end the file (EOS on SIGINT) and kills it if it does not.
 */
export class WriterProcess extends EventEmitter<WriterEvents> {
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  private stopping = false;
  private alive = false;

  constructor(
    readonly codec: TrackCodec,
    readonly port: number,
    private filePath: string,
    private readonly options: WriterOptions = {},
  ) {
    super();
  }

  get path(): string {
    return this.filePath;
  }

  /** A writer prepared ahead (warm-writers.ts) gets its track's file name: the open file is renamed. */
  async moveTo(filePath: string): Promise<void> {
    await rename(this.filePath, filePath);
    this.filePath = filePath;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const writer = writerCommand(this.codec, this.port, this.filePath);
    const { command, args } = this.options.dieWithParent === false ? writer : dieWithParent(writer.command, writer.args);
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    this.child = child;
    this.alive = true;
    // Its pid file: a node killed before this writer ends leaves it for the next start to stop.
    const { recordingsDir } = this.options;
    const registered = recordingsDir && child.pid ? registerWriter(recordingsDir, child.pid, this.filePath).catch(() => {}) : undefined;
    let stderr = "";
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
      for (const line of chunk.split("\n")) if (line.trim()) this.emit("line", line.trim());
    });
    let spawnError: Error | undefined;
    this.exited = new Promise((resolve) => {
      child.once("error", (error) => {
        spawnError = error;
        this.alive = false;
        resolve();
      });
      child.once("exit", (code, signal) => {
        this.alive = false;
        if (registered) void registered.then(() => unregisterWriter(recordingsDir!, child.pid!));
        if (!this.stopping) this.emit("died", code, signal);
        resolve();
      });
    });
    const listening = await waitForUdpPort(this.port, LISTEN_TIMEOUT_MS, () => this.alive);
    if (!listening) {
      this.kill();
      const why = spawnError ? String(spawnError) : stderr.trim().split("\n").slice(-3).join(" | ") || "did not listen in time";
      throw new Error(`The recording writer did not start: ${why}`);
    }
  }

  /** Ends the file cleanly: end-of-stream, so the muxer writes its duration and index. */
  async stop(): Promise<void> {
    if (!this.child || !this.alive) return;
    this.stopping = true;
    this.child.kill("SIGINT");
    const timer = setTimeout(() => this.kill(), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** Gone for good without finishing the file (what already is written stays playable). */
  kill(): void {
    this.stopping = true;
    if (this.alive) this.child?.kill("SIGKILL");
  }
}
