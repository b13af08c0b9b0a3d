import type { types } from "mediasoup";
import type { WorkerPool } from "../../src/media/worker-pool.ts";

export interface WorkerCensus {
  routers: number;
  transports: number;
  producers: number;
  consumers: number;
  /** Every object the worker still answers requests for (routers, transports, producers…). */
  handlers: number;
}

/**
 * Counts what the mediasoup WORKER holds, not what the node's maps say: a leak is an object the
 * node forgot and the worker still has. Routers are collected as the workers create them, so
 * call this before any room exists.
 */
export function watchWorkers(pool: WorkerPool): { census(): Promise<WorkerCensus> } {
  const routers = new Set<types.Router>();
  for (const worker of pool.list()) {
    worker.observer.on("newrouter", (router) => {
      routers.add(router);
      router.observer.once("close", () => routers.delete(router));
    });
  }
  return {
    async census() {
      const census: WorkerCensus = { routers: 0, transports: 0, producers: 0, consumers: 0, handlers: 0 };
      for (const worker of pool.list()) {
        const dump = (await worker.dump()) as unknown as { routerIds: string[]; channelMessageHandlers: { channelRequestHandlers: string[] } };
        census.routers += dump.routerIds.length;
        census.handlers += dump.channelMessageHandlers.channelRequestHandlers.length;
      }
      for (const router of routers) {
        const dump = await router.dump();
        census.transports += dump.transportIds.length;
        census.producers += Object.keys(dump.mapProducerIdConsumerIds).length;
        census.consumers += Object.keys(dump.mapConsumerIdProducerId).length;
      }
      return census;
    },
  };
}
