import type { types } from "mediasoup";
import type { WorkerPool } from "../../src/media/worker-pool.ts";

export interface WorkerCensus {
  routers: number;
  transports: number;
  producers: number;
  consumers: number;
  /** Every object the worker still answers requests for (routers, transports, producers…). */
  handlers: number;
  /** WebRTC transports their client has connected (`connect()` called: the DTLS role is fixed). */
  connected: number;
}

/**
 * Counts what the mediasoup WORKER holds, not what the node's maps say: a leak is an object the
 * node forgot and the worker still has. Routers are collected as the workers create them, so
 * call this before any room exists.
 */
export function watchWorkers(pool: WorkerPool): { census(): Promise<WorkerCensus> } {
  const routers = new Set<types.Router>();
  const transportsById = new Map<string, types.WebRtcTransport>();
  for (const worker of pool.list()) {
    worker.observer.on("newrouter", (router) => {
      routers.add(router);
      router.observer.once("close", () => routers.delete(router));
      router.observer.on("newtransport", (transport) => {
        if (!("dtlsState" in transport)) return;
        transportsById.set(transport.id, transport as types.WebRtcTransport);
        transport.observer.once("close", () => transportsById.delete(transport.id));
      });
    });
  }
  return {
    async census() {
      const census: WorkerCensus = { routers: 0, transports: 0, producers: 0, consumers: 0, handlers: 0, connected: 0 };
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
        for (const id of dump.transportIds) {
          const transport = transportsById.get(id);
          if (!transport || transport.closed) continue;
          const { dtlsParameters } = (await transport.dump().catch(() => ({ dtlsParameters: { role: "auto" } }))) as { dtlsParameters: { role: string } };
          if (dtlsParameters.role !== "auto") census.connected++;
        }
      }
      return census;
    },
  };
}
