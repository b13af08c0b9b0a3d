// npm run bench:rrule — how long hostile repeat rules take: in the rrule library the portal used
// to expand with (each case in a worker thread, given up after LIMIT_S), and in the portal's own
// bounded expansion (occurrences.ts) that replaced it. Prints one line per rule.
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { occurrences } from "../../web/lib/rollcalls/occurrences.ts";

const LIMIT_S = Number(process.env.LIMIT_S ?? 120);
const START = new Date("2027-03-01T01:00:00Z");
const RULES = [
  "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1",
  "FREQ=DAILY;BYWEEKNO=60;COUNT=1",
  "FREQ=DAILY;BYYEARDAY=400;COUNT=1",
  "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31;COUNT=2",
  "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31;COUNT=60",
  "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=60",
];

function inRruleLibrary(rule: string): Promise<string> {
  const source = `
    const { parentPort, workerData } = require("node:worker_threads");
    const { rrulestr } = require("rrule");
    const t0 = performance.now();
    let n = -1;
    try { n = rrulestr(workerData.rule, { dtstart: new Date(workerData.start) }).all((_, i) => i <= 60).length; } catch {}
    parentPort.postMessage({ ms: performance.now() - t0, n });`;
  return new Promise((resolve) => {
    const worker = new Worker(source, { eval: true, workerData: { rule, start: START.toISOString() } });
    const timer = setTimeout(() => void worker.terminate().then(() => resolve(`> ${LIMIT_S} s (stopped)`)), LIMIT_S * 1000);
    worker.once("message", ({ ms, n }) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(`${(ms / 1000).toFixed(2)} s (${n} dates)`);
    });
  });
}

const skipLibrary = process.argv.includes("--skip-library");
for (const rule of RULES) {
  const t0 = performance.now();
  let result: ReturnType<typeof occurrences> = [];
  for (let i = 0; i < 100; i++) result = occurrences(START, rule);
  const ours = (performance.now() - t0) / 100;
  const outcome = "error" in result ? result.error : `${result.length} dates`;
  const library = skipLibrary ? "skipped" : await inRruleLibrary(rule);
  console.log(`${rule.padEnd(48)} rrule library: ${library.padEnd(22)} occurrences(): ${ours.toFixed(3)} ms (${outcome})`);
}
