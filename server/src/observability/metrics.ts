import client from "prom-client";
import { collectDefaultMetricsExceptEventLoop } from "./default-metrics.ts";
import { EventLoopDelayMonitor } from "./event-loop-delay.ts";

/** Prometheus metrics of one media node; gauges are read from the live state at scrape time. */
export class MediaMetrics {
  readonly registry = new client.Registry();
  readonly joins = new client.Counter({ name: "media_joins_total", help: "Peers that joined a room", registers: [this.registry] });
  readonly refusals = new client.Counter({
    name: "media_refused_requests_total",
    help: "Requests answered with an error, by code",
    labelNames: ["code"],
    registers: [this.registry],
  });
  readonly workerDeaths = new client.Counter({ name: "media_worker_deaths_total", help: "mediasoup workers that died", registers: [this.registry] });
  /** Hold it while there is work (a signaling connection): an idle node takes no samples. */
  readonly eventLoop: EventLoopDelayMonitor;

  constructor(takeSnapshot: () => Promise<MediaSnapshot>) {
    collectDefaultMetricsExceptEventLoop(this.registry);
    this.eventLoop = new EventLoopDelayMonitor(this.registry);
    // prom-client collects every gauge of a scrape at once: they share one snapshot.
    let pending: Promise<MediaSnapshot> | undefined;
    const snapshot = () => {
      pending ??= takeSnapshot().finally(() => setTimeout(() => (pending = undefined), 0));
      return pending;
    };
    const gauge = (name: string, help: string, labelNames: string[], read: (s: MediaSnapshot, g: client.Gauge) => void) =>
      new client.Gauge({
        name,
        help,
        labelNames,
        registers: [this.registry],
        async collect() {
          this.reset();
          read(await snapshot(), this);
        },
      });
    gauge("media_rooms", "Open rooms", [], (s, g) => g.set(s.rooms));
    gauge("media_peers", "Peers in rooms (including those reconnecting)", [], (s, g) => g.set(s.peers));
    gauge("media_producers", "Producers by kind", ["kind"], (s, g) => {
      g.set({ kind: "audio" }, s.producers.audio);
      g.set({ kind: "video" }, s.producers.video);
    });
    gauge("media_consumers", "Consumers", [], (s, g) => g.set(s.consumers));
    gauge("media_worker_cpu_seconds", "CPU time used by each mediasoup worker (user + system)", ["worker"], (s, g) => {
      for (const w of s.workers) g.set({ worker: String(w.pid) }, w.cpuSeconds);
    });
    gauge("media_worker_objects", "Routers, transports, producers, consumers and observers each mediasoup worker holds", ["worker"], (s, g) => {
      for (const w of s.workers) g.set({ worker: String(w.pid) }, w.objects);
    });
    gauge("media_transport_bitrate_bps", "Current WebRTC transport bitrate, by direction", ["direction"], (s, g) => {
      g.set({ direction: "in" }, s.bitrate.in);
      g.set({ direction: "out" }, s.bitrate.out);
    });
  }
}

export interface MediaSnapshot {
  rooms: number;
  peers: number;
  producers: { audio: number; video: number };
  consumers: number;
  workers: Array<{ pid: number; cpuSeconds: number; objects: number }>;
  bitrate: { in: number; out: number };
}
