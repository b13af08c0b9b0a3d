import type { types } from "mediasoup";
import type { WorkerPool } from "../media/worker-pool.ts";
import type { RoomManager } from "../media/room-manager.ts";
import type { NodeNetwork } from "../network/node-network.ts";
import type { NetworkConfig } from "../network/network-config.ts";
import type { NodeFigures, NodeLinkFigures } from "../protocol/node-registry.ts";

export interface FigureSources {
  pool: WorkerPool;
  rooms: RoomManager;
  network: () => NodeNetwork | undefined;
  networkConfig: NetworkConfig;
  recordingsRunning: () => number;
}

/**
 * The figures a heartbeat carries. CPU is measured between two calls (the heartbeat interval),
 * from the kernel's counters: each worker's rusage and this process's cpuUsage.
 */
export class NodeFigureSampler {
  private lastAt = performance.now();
  private lastProcess = process.cpuUsage();
  private readonly lastWorker = new Map<number, number>();

  constructor(private readonly sources: FigureSources) {}

  async sample(): Promise<NodeFigures> {
    const now = performance.now();
    const elapsedMs = Math.max(1, now - this.lastAt);
    this.lastAt = now;
    const cpu = process.cpuUsage(this.lastProcess);
    this.lastProcess = process.cpuUsage();
    const processCpuPercent = percent((cpu.user + cpu.system) / 1000, elapsedMs);
    const workers = await Promise.all(this.sources.pool.list().map((worker) => this.workerCpu(worker, elapsedMs)));
    const { rooms, peers } = this.sources.rooms.counts();
    return {
      rooms,
      peers,
      workers,
      processCpuPercent,
      rssBytes: process.memoryUsage.rss(),
      links: await this.links(),
      recordings: this.sources.recordingsRunning(),
    };
  }

  private async workerCpu(worker: types.Worker, elapsedMs: number): Promise<{ pid: number; cpuPercent: number }> {
    const usage = await worker.getResourceUsage().catch(() => undefined);
    if (!usage) return { pid: worker.pid, cpuPercent: 0 };
    const total = usage.ru_utime + usage.ru_stime; // ms
    const previous = this.lastWorker.get(worker.pid);
    this.lastWorker.set(worker.pid, total);
    for (const pid of this.lastWorker.keys()) if (!this.sources.pool.list().some((w) => w.pid === pid)) this.lastWorker.delete(pid);
    return { pid: worker.pid, cpuPercent: previous === undefined ? 0 : percent(total - previous, elapsedMs) };
  }

  /** Every configured neighbour (a down parent included), with what its links carry. */
  private async links(): Promise<NodeLinkFigures[]> {
    const config = this.sources.networkConfig;
    const network = this.sources.network();
    const stats = network ? await network.links.linkStats() : [];
    const relationOf = (id: string): "parent" | "child" => (config.parent?.id === id ? "parent" : "child");
    const neighbors = [...new Set([...(config.parent ? [config.parent.id] : []), ...Object.keys(config.children), ...stats.map((s) => s.neighbor)])];
    return neighbors.map((id) => {
      const s = stats.find((entry) => entry.neighbor === id);
      return {
        neighbor: id,
        relation: relationOf(id),
        up: Boolean(network?.tree.neighbor(id)),
        rooms: s?.rooms ?? 0,
        streamsOut: s?.streamsOut ?? 0,
        streamsIn: s?.streamsIn ?? 0,
        sendBitrate: Math.round(s?.sendBitrate ?? 0),
        recvBitrate: Math.round(s?.recvBitrate ?? 0),
      };
    });
  }
}

const percent = (cpuMs: number, elapsedMs: number) => Math.min(6400, Math.max(0, Math.round((cpuMs / elapsedMs) * 1000) / 10));
