// bench/sfu: how many consumers one mediasoup worker forwards with < 1 % loss, bare and through
// our media node, and what our code costs on top. Prints tables; it is not a test. See
// bench/README.md and docs/PERFORMANCE.md.
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mediasoupWorkerCachePath } from "../../scripts/bootstrap/mediasoup-worker.mjs";
import { performance } from "node:perf_hooks";
import { Loadgen } from "./loadgen-client.ts";
import { SUITES } from "./media-params.ts";
import { measureWindow, PeriodicClock, type WindowResult } from "./measure.ts";
import { parseOptions } from "./options.ts";
import { boostSession, waitForQuiet } from "./quiet.ts";
import { derive, summary, table, LOSS_LIMIT_PCT, type StepRow } from "./report.ts";
import { startBare } from "./setup-bare.ts";
import { startPlatform } from "./setup-platform.ts";
import type { Baseline, BuiltStep, SfuSetup } from "./setup.ts";
import { nominalRate, STREAM } from "./vp8-stream.ts";

const options = parseOptions(process.argv.slice(2));
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/**
 * One step: every setup builds the same media, then they take turns carrying it (A B | B A | …),
 * so that a change in the shared machine's load falls on both alike.
 */
async function runStep(setups: SfuSetup[], loadgen: Loadgen, consumers: number): Promise<StepRow[]> {
  const publishers = Math.min(options.publishers, consumers);
  const subscribers = Math.max(1, Math.round(consumers / publishers));
  const built = new Map<SfuSetup, BuiltStep>();
  const buildSeconds = new Map<SfuSetup, number>();
  const windows = new Map<SfuSetup, WindowResult[]>(setups.map((s) => [s, []]));
  await loadgen.reset();
  try {
    for (const setup of setups) {
      const t0 = performance.now();
      built.set(setup, await setup.build({ publishers, subscribers, srtp: options.srtp, layers: options.simulcast, bwe: options.bwe, receiverPorts: loadgen.receiverPorts }));
      buildSeconds.set(setup, (performance.now() - t0) / 1000);
      await loadgen.addGroup(setup.name, built.get(setup)!.publisherTargets);
      if (options.feedbackMs > 0 && options.receiver === "c") await loadgen.feedback(built.get(setup)!.feedbackLegs, options.feedbackMs);
    }
    for (const setup of setups) {
      // First media: keyframe, every consumer in sync.
      await loadgen.activate(setup.name);
      await sleep(options.warmupSeconds);
    }
    const windowSeconds = options.stepSeconds / options.rounds;
    const clocks = new Map(setups.map((s) => [s, new PeriodicClock(options.scrapeSeconds)]));
    for (let round = 0; round < options.rounds; round++) {
      for (const setup of round % 2 === 0 ? setups : [...setups].reverse()) {
        await loadgen.activate(setup.name);
        await sleep(options.settleSeconds);
        windows.get(setup)!.push(await measureWindow(setup, loadgen, built.get(setup)!, windowSeconds, clocks.get(setup)!));
      }
    }
    for (const setup of setups) {
      if (!setup.estimates || !options.bwe) continue;
      const e = await setup.estimates();
      console.log(`(${setup.name} at ${publishers * subscribers}: the worker's estimate per subscriber leg, median ${e.medianKbps} kbit/s, lowest ${e.minKbps}; ${e.rtcpBytesIn} bytes of RTCP in)`);
    }
  } finally {
    await loadgen.activate(null);
    await loadgen.removeGroups();
    for (const setup of built.keys()) await setup.teardown();
    await sleep(0.5);
  }
  return setups.map((setup) => ({
    setup: setup.name,
    consumers: publishers * subscribers,
    publishers,
    subscribers,
    layers: options.simulcast,
    buildSeconds: buildSeconds.get(setup)!,
    windows: windows.get(setup)!,
  }));
}

/** A step measured on a quiet machine if it can be: waits for quiet, redoes a disturbed step. */
async function measureStep(setups: SfuSetup[], loadgen: Loadgen, consumers: number): Promise<StepRow[]> {
  const disturbance = (rows: StepRow[]) => Math.max(...rows.map((r) => derive(r).othersCores));
  let best: StepRow[] = [];
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (options.quietWait > 0 && (await waitForQuiet(options.quietWait)) >= options.quietWait) {
      console.log(`(machine still busy after ${options.quietWait} s: measuring anyway)`);
    }
    const rows = await runStep(setups, loadgen, consumers);
    if (best.length === 0 || disturbance(rows) < disturbance(best)) best = rows;
    if (!best.some((r) => derive(r).notes.includes("CONTENDED"))) break;
    if (attempt < options.retries) console.log(`(step ${consumers}: other tenants were busy, measuring again)`);
  }
  return best;
}

async function main(): Promise<void> {
  const rate = nominalRate();
  const cpus = os.cpus();
  const version = installedMediasoupVersion(fileURLToPath(new URL("../../", import.meta.url)));
  const baseline = options.baselineDir ? resolveBaseline(options.baselineDir, options.baselineWorker) : undefined;
  console.log(`bench/sfu — ${new Date().toISOString()}`);
  console.log(`machine: ${cpus.length} × ${cpus[0]?.model ?? "?"}, Node ${process.version}, mediasoup ${version}`);
  if (baseline) console.log(`baseline: ${baseline.dir} with mediasoup ${baseline.version}, worker ${baseline.workerBin}`);
  console.log(
    `stream: VP8 ${STREAM.fps} fps, ≈ ${rate.pps} pkt/s of ${STREAM.payloadBytes}±${STREAM.payloadJitter} B payload ≈ ${Math.round(rate.bps / 1000)} kbit/s on the wire, ` +
      `keyframe (${STREAM.keyFramePackets} pkt) on PLI; publisher legs plain RTP, consumer legs ${options.srtp === "off" ? "plain RTP" : `SRTP ${SUITES[options.srtp]}`}; all on 127.0.0.1`,
  );
  if (!options.bwe) console.log("subscribers negotiate no congestion control (no transport-cc / abs-send-time)");
  if (options.simulcast > 1) {
    console.log(`simulcast: ${options.simulcast} encodings per publisher (that many input streams), consumers on the lowest`);
  }
  console.log(
    `${options.publishers} publishers; per step and setup ${options.stepSeconds} s measured in ${options.rounds} alternating windows; ` +
      `held = loss < ${LOSS_LIMIT_PCT} % and every consumer delivering${options.nice ? `; workers and load generator at nice ${options.nice}` : ""}\n`,
  );

  if (options.nice !== 0) await boostSession(options.nice);
  const loadgen = await Loadgen.start(options.receivers, options.nice, options.receiver);
  const setups: SfuSetup[] = [];
  // Separate port ranges: the bare worker and the node's worker live side by side all along.
  const ranges = portRanges(options.setups.length * (baseline ? 2 : 1));
  if (options.setups.includes("bare")) setups.push(await startBare(...ranges.next(), options.nice));
  if (options.setups.includes("bare") && baseline) setups.push(await startBare(...ranges.next(), options.nice, baseline));
  if (options.setups.includes("platform")) setups.push(await startPlatform(...ranges.next(), options.nice));
  if (options.setups.includes("platform") && baseline) setups.push(await startPlatform(...ranges.next(), options.nice, baseline));
  const rows: StepRow[] = [];
  try {
    for (const consumers of options.steps) {
      const stepRows = await measureStep(setups, loadgen, consumers);
      rows.push(...stepRows);
      console.log(table(stepRows).split("\n").slice(rows.length === stepRows.length ? 0 : 2).join("\n"));
      if (!options.keepGoing && stepRows.every((r) => derive(r).verdict === "NO")) break;
    }
  } finally {
    for (const setup of setups) await setup.close().catch(() => {});
    loadgen.stop();
  }
  console.log(`\n${table(rows)}\n\n${summary(rows, setups.map((s) => s.name))}`);
  console.log(
    `\nworker CPU % = % of one core, from worker.getResourceUsage() (sys = kernel part); CPU/consumer = worker CPU-ms per second per consumer; ` +
      `node CPU % = the Node.js process hosting that worker (platform: our media node; bare: mediasoup's library alone); ` +
      `loadgen CPU % = the RTP generator/receiver child; others = the rest of the machine's busy CPU (other tenants), in cores.`,
  );
}

/** --rtc-ports cut into `count` equal ranges, one per worker. */
function portRanges(count: number): { next: () => [number, number] } {
  const [lo, hi] = options.rtcPorts;
  const size = Math.floor((hi - lo + 1) / count);
  let i = 0;
  return { next: () => [lo + i * size, lo + ++i * size - 1] };
}

function installedMediasoupVersion(rootDir: string): string {
  for (const dir of [path.join(rootDir, "node_modules"), path.join(rootDir, "server", "node_modules")]) {
    const file = path.join(dir, "mediasoup", "package.json");
    if (existsSync(file)) return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  }
  throw new Error(`mediasoup is not installed under ${rootDir}`);
}

function resolveBaseline(dir: string, workerBin: string | undefined): Baseline {
  const root = path.resolve(dir);
  const version = installedMediasoupVersion(root);
  const worker = workerBin ? path.resolve(workerBin) : mediasoupWorkerCachePath(version);
  if (!existsSync(path.join(root, "bench", "sfu", "bare-node.ts"))) throw new Error(`--baseline ${root}: no bench/sfu there`);
  if (!existsSync(worker)) throw new Error(`--baseline: no worker binary ${worker} (give --baseline-worker)`);
  return { dir: root, workerBin: worker, version };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
