import client from "prom-client";
import { describe, expect, it } from "vitest";
import { collectDefaultMetricsExceptEventLoop } from "./default-metrics.ts";
import { EventLoopDelayMonitor } from "./event-loop-delay.ts";

/** One scrape (which also starts the next interval); returns a reader of its values. */
const scrape = async (registry: client.Registry) => {
  const text = await registry.metrics();
  return (name: string) => read(text, name);
};
const value = async (registry: client.Registry, name: string) => (await scrape(registry))(name);
const read = (text: string, name: string) => {
  const match = new RegExp(`^${name} (\\S+)$`, "m").exec(text);
  if (!match) throw new Error(`${name} missing from:\n${text}`);
  return Number(match[1]);
};

const blockLoop = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("default metrics without prom-client's event-loop timer", () => {
  it("loads every other default collector by prom-client's own names", async () => {
    const registry = new client.Registry();
    const used = collectDefaultMetricsExceptEventLoop(registry);
    expect(used).toEqual(client.collectDefaultMetrics.metricsList.filter((name) => name !== "eventLoopLag"));
    const text = await registry.metrics();
    for (const name of ["process_cpu_seconds_total", "process_resident_memory_bytes", "nodejs_heap_size_used_bytes", "nodejs_version_info", "nodejs_gc_duration_seconds"]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).not.toContain("nodejs_eventloop_lag");
  });
});

describe("EventLoopDelayMonitor", () => {
  it("samples only while held, catches a stall, and reports zeros for an interval with no samples", async () => {
    const registry = new client.Registry();
    const monitor = new EventLoopDelayMonitor(registry, { lingerMs: 50 });
    expect(monitor.sampling).toBe(false);
    expect(await value(registry, "nodejs_eventloop_lag_max_seconds")).toBe(0);

    const release = monitor.hold();
    expect(monitor.sampling).toBe(true);
    await sleep(50);
    blockLoop(200);
    await sleep(50);
    const stalled = await scrape(registry);
    expect(stalled("nodejs_eventloop_lag_max_seconds")).toBeGreaterThanOrEqual(0.15);
    expect(stalled("nodejs_eventloop_lag_p50_seconds")).toBeGreaterThan(0);
    expect(stalled("nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);

    // A second holder keeps it on after the first leaves; the last one starts the linger.
    const second = monitor.hold();
    release();
    release(); // idempotent
    await sleep(120);
    expect(monitor.sampling).toBe(true);
    second();
    await sleep(300);
    expect(monitor.sampling).toBe(false);

    // The interval that ended at the previous scrape is gone; the stall is not reported twice.
    await registry.metrics();
    expect(await value(registry, "nodejs_eventloop_lag_max_seconds")).toBe(0);
  });
});
