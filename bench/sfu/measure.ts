// One measurement window while one setup's media flows: every reading is taken at its start and
// its end, and a step's windows are summed.
import { performance } from "node:perf_hooks";
import type { Loadgen } from "./loadgen-client.ts";
import { machineCpu, udpDrops } from "./probes.ts";
import { ownCpuMs } from "./rpc.ts";
import type { WindowCount } from "./rtp-counter.ts";
import type { BuiltStep, SfuSetup } from "./setup.ts";

export interface WindowResult {
  seconds: number;
  workerCpuMs: number;
  /** The kernel share of workerCpuMs (on loopback, sendto() also delivers to the receiver). */
  workerSysMs: number;
  /** The setup's Node.js process: our media node, or mediasoup's Node library alone. */
  nodeCpuMs: number;
  loadgenCpuMs: number;
  /** The bench's own process (orchestration, the platform's socket.io clients). */
  benchCpuMs: number;
  /** Whole machine: CPU-seconds busy and stolen by the hypervisor, per second (2 = both cores). */
  machineBusyCores: number;
  machineStealCores: number;
  count: WindowCount;
  sentPackets: number;
  /** Kernel drops at the generator's receiving sockets (generator too slow, not SFU loss). */
  generatorDrops: number;
  /** Kernel drops at the worker's publisher-leg sockets (worker too slow to read its input). */
  workerDrops: number;
  /** transport-cc feedback packets the receivers sent the worker, and those they could not send. */
  feedbackSent: number;
  feedbackFailed: number;
  periodicRuns: number;
  /** The slowest periodic run (s), and how many failed (e.g. a scrape that timed out). */
  periodicMaxSeconds: number;
  periodicFailures: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * When a setup's periodic work is due, in measured time: a step's windows are spread over the
 * period, so a step measured for one period gets one run, wherever its windows fall.
 */
export class PeriodicClock {
  private elapsed = 0;
  private next: number;

  constructor(readonly every: number) {
    this.next = every / 2;
  }

  /** Offsets (s) within a window of this length at which the work is due; advances the clock. */
  dueIn(seconds: number): number[] {
    const due: number[] = [];
    if (this.every > 0) for (; this.next < this.elapsed + seconds; this.next += this.every) due.push(this.next - this.elapsed);
    this.elapsed += seconds;
    return due;
  }
}

export async function measureWindow(setup: SfuSetup, loadgen: Loadgen, built: BuiltStep, seconds: number, clock: PeriodicClock): Promise<WindowResult> {
  const generatorPorts = new Set(loadgen.receiverPorts);
  const workerPorts = new Set(built.publisherTargets.map((t) => t.port));
  const read = async () => ({
    at: performance.now(),
    cpu: await setup.cpu(),
    bench: ownCpuMs(),
    machine: machineCpu(),
    generatorDrops: udpDrops(generatorPorts),
    workerDrops: udpDrops(workerPorts),
  });
  await loadgen.mark(built.consumerSsrcs);
  const start = await read();

  let periodicRuns = 0;
  let periodicMaxSeconds = 0;
  let periodicFailures = 0;
  const timed = async (run: () => Promise<void>) => {
    const t0 = performance.now();
    try {
      await run();
      periodicRuns++;
    } catch {
      periodicFailures++;
    }
    periodicMaxSeconds = Math.max(periodicMaxSeconds, (performance.now() - t0) / 1000);
  };
  const runs: Promise<void>[] = [];
  const timers: NodeJS.Timeout[] = [];
  const periodic = setup.periodic;
  if (periodic) {
    for (const t of clock.dueIn(seconds)) timers.push(setTimeout(() => runs.push(timed(periodic)), t * 1000));
  }
  await sleep(seconds * 1000);
  for (const timer of timers) clearTimeout(timer);
  await Promise.all(runs);

  const generator = await loadgen.count();
  const end = await read();
  const jiffies = end.machine.total - start.machine.total || 1;
  const cores = end.machine.cores;
  return {
    seconds: (end.at - start.at) / 1000,
    workerCpuMs: end.cpu.workerMs - start.cpu.workerMs,
    workerSysMs: end.cpu.workerSysMs - start.cpu.workerSysMs,
    nodeCpuMs: end.cpu.nodeMs - start.cpu.nodeMs,
    loadgenCpuMs: generator.cpuMs,
    benchCpuMs: end.bench - start.bench,
    machineBusyCores: ((end.machine.busy - start.machine.busy) / jiffies) * cores,
    machineStealCores: ((end.machine.steal - start.machine.steal) / jiffies) * cores,
    count: generator.count,
    sentPackets: generator.sentPackets,
    generatorDrops: end.generatorDrops - start.generatorDrops,
    workerDrops: end.workerDrops - start.workerDrops,
    feedbackSent: generator.feedbackSent,
    feedbackFailed: generator.feedbackFailed,
    periodicRuns,
    periodicMaxSeconds,
    periodicFailures,
  };
}

/** A step's windows of one setup, as if they were one window. */
export function combine(windows: WindowResult[]): WindowResult {
  const sum = (f: (w: WindowResult) => number) => windows.reduce((n, w) => n + f(w), 0);
  const seconds = sum((w) => w.seconds);
  const count = (k: keyof WindowCount) => sum((w) => w.count[k]);
  return {
    seconds,
    workerCpuMs: sum((w) => w.workerCpuMs),
    workerSysMs: sum((w) => w.workerSysMs),
    nodeCpuMs: sum((w) => w.nodeCpuMs),
    loadgenCpuMs: sum((w) => w.loadgenCpuMs),
    benchCpuMs: sum((w) => w.benchCpuMs),
    machineBusyCores: sum((w) => w.machineBusyCores * w.seconds) / seconds,
    machineStealCores: sum((w) => w.machineStealCores * w.seconds) / seconds,
    count: {
      // A consumer silent in any window counts once per window: any is a failure.
      silent: count("silent"),
      lateStart: count("lateStart"),
      expected: count("expected"),
      received: count("received"),
      bytes: count("bytes"),
    },
    sentPackets: sum((w) => w.sentPackets),
    generatorDrops: sum((w) => w.generatorDrops),
    workerDrops: sum((w) => w.workerDrops),
    feedbackSent: sum((w) => w.feedbackSent),
    feedbackFailed: sum((w) => w.feedbackFailed),
    periodicRuns: sum((w) => w.periodicRuns),
    periodicMaxSeconds: Math.max(0, ...windows.map((w) => w.periodicMaxSeconds)),
    periodicFailures: sum((w) => w.periodicFailures),
  };
}
