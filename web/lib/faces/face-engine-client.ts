import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";

/** One face as the engine sees it: detection score (0–1), box in pixels, 128-number descriptor. */
export interface DetectedFace {
  score: number;
  box: { x: number; y: number; width: number; height: number };
  descriptor: number[];
  /** Head turn from the landmarks (0 facing the camera, > 0 nose towards the image's right). */
  yaw: number;
}

export interface FaceScan {
  width: number;
  height: number;
  faces: DetectedFace[];
}

const WORKER_FILE = path.join("web", "lib", "faces", "worker", "face-worker.mjs");
// Model loading takes seconds on a cold, loaded machine; a scan of a snapshot well under one.
const TIMEOUT_MS = 120_000;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * The face engine runs in one worker thread per process, so that a scan (hundreds of ms of
 * WASM) never blocks the portal's event loop. Requests are queued by the worker in order.
 * Kept on globalThis because `next start` evaluates this module once per route entry.
 */
class FaceEngine {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  scan(jpeg: Uint8Array, minScore = 0.5): Promise<FaceScan> {
    return this.request({ op: "scan", jpeg, minScore }) as Promise<FaceScan>;
  }

  warmup(): Promise<{ backend: string; faceApi: string; tfjs: string }> {
    return this.request({ op: "warmup" }) as Promise<{ backend: string; faceApi: string; tfjs: string }>;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private request(message: Record<string, unknown>): Promise<unknown> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error("The face engine did not answer in time"));
      }, TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ ...message, id });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // Reflect.construct, not `new Worker(path)`: Next's bundler treats the latter as a worker
    // entry to bundle and fails on a path known only at run time; this file must run as it is.
    const worker: Worker = Reflect.construct(Worker, [locateWorkerFile()]);
    worker.unref();
    worker.on("message", (msg: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const waiting = this.pending.get(msg.id);
      if (!waiting) return;
      this.pending.delete(msg.id);
      clearTimeout(waiting.timer);
      if (msg.ok) waiting.resolve(msg.result);
      else waiting.reject(new Error(msg.error ?? "face engine error"));
    });
    // A crashed worker fails what it held; the next request starts a fresh one.
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const [id, waiting] of this.pending) {
        clearTimeout(waiting.timer);
        waiting.reject(error);
        this.pending.delete(id);
      }
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`The face engine stopped (exit ${code})`)));
    this.worker = worker;
    return worker;
  }
}

/** The worker file is plain JavaScript in the repository, found from the repository root. */
function locateWorkerFile(): string {
  const starts = [process.cwd()];
  for (const start of starts) {
    let dir = path.resolve(start);
    for (let i = 0; i < 4; i++) {
      const candidate = path.join(dir, WORKER_FILE);
      if (existsSync(candidate)) return candidate;
      dir = path.dirname(dir);
    }
  }
  throw new Error(`${WORKER_FILE} not found from ${starts.join(", ")}`);
}

const holder = globalThis as unknown as { __yangguangFaceEngine?: FaceEngine };

export function faceEngine(): FaceEngine {
  holder.__yangguangFaceEngine ??= new FaceEngine();
  return holder.__yangguangFaceEngine;
}
