import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import client from "prom-client";

/**
 * Event-loop delay, the figures prom-client's default collector exports
 * (`nodejs_eventloop_lag_{min,max,mean,stddev,p50,p90,p99}_seconds`, reset at each scrape, and
 * `nodejs_eventloop_lag_seconds` measured at the scrape), but sampled only while the node has
 * work: prom-client keeps a 10 ms timer running forever, which woke an idle media node ~100
 * times a second for most of its idle CPU (issue 14). Here the 10 ms histogram runs while any
 * holder (a signaling connection) is present and for `lingerMs` after the last one left; an idle
 * node sleeps. A scrape that finds nothing sampled since the previous one reports zeros.
 */
export class EventLoopDelayMonitor {
  private readonly histogram: IntervalHistogram;
  private holders = 0;
  private lingerTimer: NodeJS.Timeout | undefined;
  private enabled = false;
  private readonly lingerMs: number;

  constructor(
    registry: client.Registry,
    { resolutionMs = 10, lingerMs = 60_000 }: { resolutionMs?: number; lingerMs?: number } = {},
  ) {
    this.histogram = monitorEventLoopDelay({ resolution: resolutionMs });
    this.lingerMs = lingerMs;
    const histogram = this.histogram;
    const read = (pick: (h: IntervalHistogram) => number) => (histogram.count > 0 ? pick(histogram) / 1e9 : 0);
    const gauges: Record<string, () => number> = {
      min: () => read((h) => h.min),
      max: () => read((h) => h.max),
      mean: () => read((h) => h.mean),
      stddev: () => read((h) => h.stddev),
      p50: () => read((h) => h.percentile(50)),
      p90: () => read((h) => h.percentile(90)),
      p99: () => read((h) => h.percentile(99)),
    };
    const pending = new Set(Object.keys(gauges));
    for (const [name, value] of Object.entries(gauges)) {
      new client.Gauge({
        name: `nodejs_eventloop_lag_${name}_seconds`,
        help: `The ${name} of event-loop delays (10 ms resolution) since the last scrape, sampled while clients are connected (0 when none were)`,
        registers: [registry],
        collect() {
          this.set(value());
          // Every gauge of this scrape has read the histogram: start the next interval.
          pending.delete(name);
          if (pending.size === 0) {
            histogram.reset();
            for (const key of Object.keys(gauges)) pending.add(key);
          }
        },
      });
    }
    new client.Gauge({
      name: "nodejs_eventloop_lag_seconds",
      help: "Lag of event loop in seconds, measured at the scrape (time to the next setImmediate)",
      registers: [registry],
      async collect() {
        const start = process.hrtime.bigint();
        await new Promise((resolve) => setImmediate(resolve));
        this.set(Number(process.hrtime.bigint() - start) / 1e9);
      },
    });
  }

  /** Samples from now until the returned release (and lingerMs after the last release). */
  hold(): () => void {
    this.holders++;
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    if (!this.enabled) {
      this.histogram.enable();
      this.enabled = true;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holders > 0) return;
      this.lingerTimer = setTimeout(() => this.stop(), this.lingerMs);
      this.lingerTimer.unref();
    };
  }

  get sampling(): boolean {
    return this.enabled;
  }

  stop(): void {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    if (this.holders > 0 || !this.enabled) return;
    this.histogram.disable();
    this.enabled = false;
  }
}
