import { EventEmitter } from "node:events";
import * as mediasoup from "mediasoup";
import type { types } from "mediasoup";
import type { Logger } from "../observability/logger.ts";

export interface WorkerPoolOptions {
  size: number;
  rtcMinPort: number;
  rtcMaxPort: number;
  logger: Logger;
}

interface WorkerPoolEvents {
  /** A worker died and `replacement` took its place; rooms on it must be rebuilt. */
  replaced: [dead: types.Worker, replacement: types.Worker];
}

/**
 * One mediasoup worker per core. Rooms are placed on the worker hosting the fewest peers; a
 * worker that dies is replaced at once and the pool says so, so its rooms can be rebuilt.
 */
export class WorkerPool extends EventEmitter<WorkerPoolEvents> {
  private readonly workers: types.Worker[] = [];
  private readonly load = new Map<types.Worker, number>();
  private closed = false;

  private constructor(private readonly options: WorkerPoolOptions) {
    super();
  }

  static async create(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    for (let i = 0; i < options.size; i++) pool.add(await pool.spawn());
    return pool;
  }

  /** The worker with the least load (peers placed on it). */
  leastLoaded(): types.Worker {
    let best = this.workers[0]!;
    for (const worker of this.workers) if ((this.load.get(worker) ?? 0) < (this.load.get(best) ?? 0)) best = worker;
    return best;
  }

  addLoad(worker: types.Worker, delta: number): void {
    if (this.load.has(worker)) this.load.set(worker, Math.max(0, this.load.get(worker)! + delta));
  }

  list(): readonly types.Worker[] {
    return this.workers;
  }

  close(): void {
    this.closed = true;
    for (const worker of this.workers) worker.close();
  }

  private async spawn(): Promise<types.Worker> {
    const worker = await mediasoup.createWorker({
      logLevel: "warn",
      rtcMinPort: this.options.rtcMinPort,
      rtcMaxPort: this.options.rtcMaxPort,
    });
    worker.on("died", (error) => void this.onDied(worker, error));
    return worker;
  }

  private add(worker: types.Worker): void {
    this.workers.push(worker);
    this.load.set(worker, 0);
  }

  private async onDied(dead: types.Worker, error: Error): Promise<void> {
    if (this.closed) return;
    this.options.logger.error({ worker: dead.pid, err: error.message }, "mediasoup worker died; replacing it");
    const index = this.workers.indexOf(dead);
    this.load.delete(dead);
    const replacement = await this.spawn();
    if (index >= 0) this.workers[index] = replacement;
    else this.workers.push(replacement);
    this.load.set(replacement, 0);
    this.options.logger.info({ worker: replacement.pid, replaced: dead.pid }, "replacement worker ready");
    this.emit("replaced", dead, replacement);
  }
}
