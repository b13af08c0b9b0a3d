// bench/bandwidth-adaptation: the capped-downlink spec (e2e/bandwidth-adaptation.spec.ts) run
// alternately with the media node's early step-down off and on (MEDIA_EARLY_STEP_DOWN=0 / 1, which
// reaches the node through the spec's web server: scripts/e2e-portal.mjs passes its environment
// on), so that a shared machine's changing load falls on both alike. Each run is a fresh
// Playwright invocation (a fresh portal and node) without the spec's retry. Prints one row per run
// from the spec's report line: longest freeze and the uncapped baseline's own, step-down (any
// layer, then spatial) and step-up delays, the cap, and whether the spec passed; every report is
// appended as a JSON line to --out.
//
// Usage: node bench/bandwidth-adaptation/interleave.mjs [--runs 6] [--port 3410] [--media-port 4743]
//          [--first off|on] [--out /tmp/bandwidth-interleave.jsonl]
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "6" },
    port: { type: "string", default: "3410" },
    "media-port": { type: "string", default: "4743" },
    first: { type: "string", default: "off" },
    out: { type: "string", default: path.join(os.tmpdir(), "bandwidth-interleave.jsonl") },
  },
});
const runs = Number(values.runs);
const order = values.first === "on" ? ["on", "off"] : ["off", "on"];

/** One spec run; resolves with its report (or null) and whether it passed. */
function runSpec(variant) {
  return new Promise((resolve) => {
    const child = spawn("npx", ["playwright", "test", "e2e/bandwidth-adaptation.spec.ts", "--retries", "0", "--reporter", "line"], {
      cwd: root,
      env: { ...process.env, E2E_PORT: values.port, E2E_MEDIA_PORT: values["media-port"], MEDIA_EARLY_STEP_DOWN: variant === "on" ? "1" : "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => {
      const line = output.split("\n").find((l) => l.includes("bandwidth adaptation: {"));
      const report = line ? JSON.parse(line.slice(line.indexOf("{"))) : null;
      resolve({ report, passed: code === 0, tail: code === 0 ? "" : output.slice(-1500) });
    });
  });
}

const rows = [];
for (let i = 0; i < 2 * runs; i++) {
  const variant = order[i % 2];
  const startedAt = new Date().toISOString().slice(11, 16);
  const load = os.loadavg()[0].toFixed(1);
  const { report, passed, tail } = await runSpec(variant);
  const row = { run: i + 1, variant, startedAt, load, passed, report };
  fs.appendFileSync(values.out, JSON.stringify(row) + "\n");
  rows.push(row);
  const r = report ?? {};
  console.log(
    [row.run, variant, startedAt, `load ${load}`, passed ? "pass" : "FAIL", `freeze ${r.longestFreezeMs ?? "?"} (${r.baselineLongestFreezeMs ?? "?"})`,
      `down ${r.stepDownAfterMs ?? "?"} / spatial ${r.spatialDownAfterMs ?? "?"}`, `up ${r.stepUpAfterMs ?? "?"}`, `cap ${r.capKbps ?? "?"}/${r.baselineKbps ?? "?"}`,
      `fps ${r.runFps ?? "?"}/${r.baselineFps ?? "?"}`].join("  "),
  );
  if (r.timeline) console.log(`    ${r.timeline}`);
  if (!passed && !report) console.log(tail);
}

const median = (xs) => {
  const s = xs.filter((x) => typeof x === "number").sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};
for (const variant of ["off", "on"]) {
  const mine = rows.filter((r) => r.variant === variant && r.report);
  console.log(
    `${variant}: ${rows.filter((r) => r.variant === variant && r.passed).length}/${rows.filter((r) => r.variant === variant).length} passed; median longest freeze ${median(mine.map((r) => r.report.longestFreezeMs))} ms, ` +
      `median freeze beyond baseline ${median(mine.map((r) => r.report.longestFreezeMs - r.report.baselineLongestFreezeMs))} ms, ` +
      `median spatial step-down ${median(mine.map((r) => r.report.spatialDownAfterMs))} ms, median step-up ${median(mine.map((r) => r.report.stepUpAfterMs))} ms`,
  );
}
