import { createRequire } from "node:module";
import client from "prom-client";

const require = createRequire(import.meta.url);

// prom-client's own collector of event-loop delay keeps a 10 ms timer running for the life of the
// process; event-loop-delay.ts exports the same metrics, sampled only while there is work.
const REPLACED = new Set(["eventLoopLag"]);

/**
 * prom-client's default metrics (process CPU, memory, heap, handles, GC, version...) except the
 * event-loop delay. prom-client has no option to leave one collector out, so each one is loaded
 * from its own module, by the names prom-client itself lists (`metricsList`); its version is
 * pinned exactly, and default-metrics.test.ts checks that the names still resolve.
 */
export function collectDefaultMetricsExceptEventLoop(registry: client.Registry): string[] {
  const used: string[] = [];
  for (const name of client.collectDefaultMetrics.metricsList) {
    if (REPLACED.has(name)) continue;
    const collector = require(`prom-client/lib/metrics/${name}`) as (registry: client.Registry, config: object) => void;
    collector(registry, {});
    used.push(name);
  }
  return used;
}
