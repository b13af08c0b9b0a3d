// Turns measurement windows into the rows, table and summary that the bench prints.
import { combine, type WindowResult } from "./measure.ts";
import { CONTENDED_CORES } from "./quiet.ts";

export const LOSS_LIMIT_PCT = 1;

export interface StepRow {
  setup: string;
  consumers: number;
  publishers: number;
  subscribers: number;
  /** Simulcast encodings per publisher; consumers forward one of them. */
  layers: number;
  buildSeconds: number;
  /** Its windows in time order; the other setup's windows alternate with them. */
  windows: WindowResult[];
}

export interface Derived {
  workerPct: number;
  workerSysPct: number;
  /** Worker CPU ms per wall second, per consumer. */
  perConsumerMs: number;
  /** Worker CPU µs per packet delivered to a receiver. */
  usPerPacket: number;
  forwardedPps: number;
  forwardedMbps: number;
  /** Packets delivered ÷ (packets the publishers sent × subscribers). */
  deliveredPct: number;
  lossPct: number;
  nodePct: number;
  loadgenPct: number;
  /** yes; NO (the SFU lost ≥ 1 % or a consumer was silent); gen-limited (the generator dropped ≥ 1 %: no verdict). */
  verdict: "yes" | "NO" | "gen-limited";
  /** CPU the rest of the machine used (other tenants, the kernel's own threads), in cores. */
  othersCores: number;
  held: boolean;
  notes: string[];
}

export function derive(row: StepRow): Derived {
  const w = combine(row.windows);
  const c = w.count;
  const wallMs = w.seconds * 1000;
  // Datagrams the kernel dropped at the generator's own sockets left the SFU intact: not SFU loss.
  const lossPct = c.expected > 0 ? (Math.max(0, c.expected - c.received - w.generatorDrops) / c.expected) * 100 : 100;
  // Every layer is the same stream shape and a consumer forwards one of them.
  const ideal = (w.sentPackets / row.layers) * row.subscribers;
  const notes: string[] = [];
  if (c.silent > 0) notes.push(`${c.silent} silent`);
  if (c.lateStart > 0) notes.push(`${c.lateStart} late`);
  if (w.generatorDrops > 0) notes.push(`gen-rx drops ${w.generatorDrops}`);
  if (w.workerDrops > 0) notes.push(`worker-rx drops ${w.workerDrops}`);
  if (w.feedbackSent > 0) notes.push(`twcc fb ${Math.round(w.feedbackSent / w.seconds)}/s`);
  if (w.feedbackFailed > 0) notes.push(`twcc fb FAILED ${w.feedbackFailed}`);
  if (w.periodicRuns > 0) notes.push(`scrape ${w.periodicMaxSeconds.toFixed(2)} s`);
  if (w.periodicFailures > 0) notes.push(`${w.periodicFailures} scrape FAILED after ${w.periodicMaxSeconds.toFixed(0)} s`);
  const othersCores = Math.max(0, w.machineBusyCores - (w.workerCpuMs + w.nodeCpuMs + w.loadgenCpuMs + w.benchCpuMs) / wallMs);
  if (othersCores > CONTENDED_CORES) notes.push("CONTENDED");
  const sfuFailed = lossPct >= LOSS_LIMIT_PCT || c.silent > 0 || c.expected === 0;
  const verdict = sfuFailed ? "NO" : w.generatorDrops >= (c.expected * LOSS_LIMIT_PCT) / 100 ? "gen-limited" : "yes";
  // No loss but packets missing at the end of the windows: still queued in the worker's input
  // sockets. A worker this far behind loses packets when held longer (docs/PERFORMANCE.md).
  if (verdict === "yes" && ideal > 0 && c.received / ideal < 0.97) notes.push("BEHIND");
  return {
    workerPct: (w.workerCpuMs / wallMs) * 100,
    workerSysPct: (w.workerSysMs / wallMs) * 100,
    perConsumerMs: w.workerCpuMs / w.seconds / row.consumers,
    usPerPacket: c.received > 0 ? (w.workerCpuMs * 1000) / c.received : NaN,
    forwardedPps: c.received / w.seconds,
    forwardedMbps: (c.bytes * 8) / w.seconds / 1e6,
    deliveredPct: ideal > 0 ? (c.received / ideal) * 100 : 0,
    lossPct,
    nodePct: (w.nodeCpuMs / wallMs) * 100,
    loadgenPct: (w.loadgenCpuMs / wallMs) * 100,
    othersCores,
    verdict,
    held: verdict === "yes",
    notes,
  };
}

const COLUMNS = [
  "setup", "consumers", "worker CPU % (sys)", "CPU/consumer (ms/s)", "µs/pkt", "forwarded pkt/s", "Mbit/s", "delivered %", "loss %",
  "node CPU %", "loadgen CPU %", "others (cores)", "setup s", "held?", "notes",
];

function cells(row: StepRow): string[] {
  const d = derive(row);
  const w = combine(row.windows);
  return [
    row.setup,
    `${row.consumers} (${row.publishers}×${row.subscribers})`,
    `${d.workerPct.toFixed(1)} (${d.workerSysPct.toFixed(0)})`,
    d.perConsumerMs.toFixed(3),
    d.usPerPacket.toFixed(1),
    Math.round(d.forwardedPps).toLocaleString("en-US"),
    d.forwardedMbps.toFixed(0),
    d.deliveredPct.toFixed(1),
    d.lossPct.toFixed(2),
    d.nodePct.toFixed(1),
    d.loadgenPct.toFixed(1),
    `${d.othersCores.toFixed(2)}${w.machineStealCores >= 0.02 ? ` (steal ${w.machineStealCores.toFixed(2)})` : ""}`,
    row.buildSeconds.toFixed(1),
    d.verdict,
    d.notes.join(", "),
  ];
}

/** A Markdown table (readable as text, pastes into docs/PERFORMANCE.md). */
export function table(rows: StepRow[]): string {
  const all = [COLUMNS, ...rows.map(cells)];
  const widths = COLUMNS.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(COLUMNS), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...all.slice(1).map(line)].join("\n");
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmtPct = (ratio: number) => `${ratio >= 1 ? "+" : ""}${((ratio - 1) * 100).toFixed(1)} %`;
const rate = (ws: WindowResult[], f: (w: WindowResult) => number) => ws.reduce((n, w) => n + f(w), 0) / ws.reduce((n, w) => n + w.seconds, 0);

export function summary(rows: StepRow[], setups: string[]): string {
  const out: string[] = [];
  for (const setup of setups) {
    const mine = rows.filter((r) => r.setup === setup);
    const best = Math.max(0, ...mine.filter((r) => derive(r).held).map((r) => r.consumers));
    const firstFail = Math.min(Infinity, ...mine.filter((r) => !derive(r).held && r.consumers > best).map((r) => r.consumers));
    const failedRow = mine.find((r) => r.consumers === firstFail);
    const why = !failedRow
      ? ""
      : derive(failedRow).verdict === "gen-limited"
        ? ": the load generator could not keep up"
        : `: ${derive(failedRow).lossPct.toFixed(1)} % loss${derive(failedRow).othersCores > CONTENDED_CORES ? ", with other tenants busy" : ""}`;
    out.push(
      `${setup}: largest consumer count held with < ${LOSS_LIMIT_PCT} % loss on one worker: ${best || "none"}` +
        (failedRow ? ` (next step, ${firstFail}, not held${why})` : " (no larger step failed)"),
    );
  }
  out.push(...versusBaseline(rows, setups));
  // Overhead: steps where both setups held; their windows alternated, so they saw the same machine.
  const pairs = rows
    .filter((r) => r.setup === "platform" && derive(r).held)
    .map((platform) => ({ platform, bare: rows.find((r) => r.setup === "bare" && r.consumers === platform.consumers) }))
    .filter((p): p is { platform: StepRow; bare: StepRow } => p.bare !== undefined && derive(p.bare).held);
  if (pairs.length === 0) {
    if (setups.length > 1) out.push("platform overhead: no step where both setups held");
    return out.join("\n");
  }
  const byStep = pairs.map(({ platform, bare }) => {
    const ratio = rate(platform.windows, (w) => w.workerCpuMs) / rate(bare.windows, (w) => w.workerCpuMs);
    return { consumers: platform.consumers, ratio };
  });
  // Window-by-window ratios (adjacent in time) show how much of the difference is noise.
  const windowRatios = pairs.flatMap(({ platform, bare }) =>
    platform.windows.map((w, i) => (bare.windows[i] ? w.workerCpuMs / w.seconds / (bare.windows[i]!.workerCpuMs / bare.windows[i]!.seconds) : NaN)).filter(Number.isFinite),
  );
  const pooled = (f: (w: WindowResult) => number) =>
    pairs.reduce((n, p) => n + rate(p.platform.windows, f), 0) / pairs.reduce((n, p) => n + rate(p.bare.windows, f), 0);
  const worker = pooled((w) => w.workerCpuMs);
  const total = pooled((w) => w.workerCpuMs + w.nodeCpuMs);
  out.push(`platform/bare worker CPU per consumer, by step: ${byStep.map((s) => `${s.consumers}: ${s.ratio.toFixed(3)}`).join("; ")}`);
  out.push(
    `  window pairs: median ${median(windowRatios).toFixed(3)}, range ${Math.min(...windowRatios).toFixed(3)}–${Math.max(...windowRatios).toFixed(3)} (n=${windowRatios.length})`,
  );
  out.push(
    `platform overhead, pooled over ${pairs.length} steps both held: worker CPU ×${worker.toFixed(3)} (${fmtPct(worker)}); ` +
      `worker + its Node.js process ×${total.toFixed(3)} (${fmtPct(total)})`,
  );
  // Per forwarded packet (what issue 14 states its target in): CPU over packets the receivers got.
  const perPacket = (side: "bare" | "platform") =>
    pairs.reduce((n, p) => n + combine(p[side].windows).workerCpuMs, 0) / pairs.reduce((n, p) => n + combine(p[side].windows).count.received, 0);
  const packetRatio = perPacket("platform") / perPacket("bare");
  out.push(
    `worker µs per forwarded packet, pooled: bare ${(perPacket("bare") * 1000).toFixed(2)}, platform ${(perPacket("platform") * 1000).toFixed(2)} ` +
      `(×${packetRatio.toFixed(3)}, ${fmtPct(packetRatio)})`,
  );
  const top = pairs.reduce((a, b) => (b.platform.consumers > a.platform.consumers ? b : a));
  for (const side of ["bare", "platform"] as const) {
    const d = derive(top[side]);
    out.push(
      `${side}: ${d.perConsumerMs.toFixed(3)} worker-ms/s per consumer at ${top[side].consumers} → ≈ ${Math.round(1000 / d.perConsumerMs)} consumers would fill one core (linear extrapolation)`,
    );
  }
  return out.join("\n");
}

/**
 * With --baseline: each setup against the same setup from the baseline checkout, over the steps
 * where both held (worker CPU per forwarded packet; the windows alternated, same machine).
 */
function versusBaseline(rows: StepRow[], setups: string[]): string[] {
  const out: string[] = [];
  for (const old of setups.filter((s) => s.includes("@"))) {
    const ours = old.slice(0, old.indexOf("@"));
    const pairs = rows
      .filter((r) => r.setup === ours && derive(r).held)
      .map((now) => ({ now, before: rows.find((r) => r.setup === old && r.consumers === now.consumers) }))
      .filter((p): p is { now: StepRow; before: StepRow } => p.before !== undefined && derive(p.before).held);
    if (pairs.length === 0) {
      out.push(`${ours} vs ${old}: no step where both held`);
      continue;
    }
    const perPacket = (r: StepRow) => derive(r).usPerPacket;
    const byStep = pairs.map((p) => `${p.now.consumers}: ${perPacket(p.before).toFixed(2)} → ${perPacket(p.now).toFixed(2)}`);
    const pooled = pairs.reduce((n, p) => n + perPacket(p.now), 0) / pairs.reduce((n, p) => n + perPacket(p.before), 0);
    out.push(`${ours} vs ${old}: worker µs per forwarded packet, by step (before → now): ${byStep.join("; ")}; pooled ×${pooled.toFixed(3)} (${fmtPct(pooled)})`);
  }
  return out;
}
