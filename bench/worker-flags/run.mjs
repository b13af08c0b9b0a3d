// bench/worker-flags: does a lower optimisation level shorten the mediasoup worker build (the
// whole critical path of a first start)? Builds the installed mediasoup's worker sources once per
// variant (meson `optimization` = 3 as today's `--buildtype=release`, 2, 1 …), all variants at the
// same time with one compile job each, so that the shared machine's load falls on all alike, and
// prints per variant: CPU seconds of the build (user + system of meson's compiler processes, the
// figure load does not stretch), wall seconds, compile units, binary size. The binaries stay in
// `--out` (never the bootstrap's cache) for bench/sfu to compare their forwarding cost:
//   MEDIASOUP_WORKER_BIN=<out>/O2/mediasoup-worker npx tsx bench/sfu/run.ts --setups bare \
//     --baseline . --baseline-worker <out>/O3/mediasoup-worker …
//
// --sample N: instead of whole builds, compile every N-th of the worker's translation units at
// each level, the levels taking turns unit by unit (O3 O2 O1 | O2 O1 O3 | …), and compare the CPU
// seconds of those compiles: a build-time ratio for a machine too loaded for whole builds. It
// makes no binary.
//
// A variant is a meson optimization level, with `+pch` for the precompiled header that the
// bootstrap's build uses (scripts/bootstrap/worker-precompiled-header.mjs): `--variants 3,3+pch`
// compares the build with and without it at -O3. In --sample mode the header's own compile is
// counted once, apart from the units.
//
// Usage: node bench/worker-flags/run.mjs [--variants 3,2,1] [--out DIR] [--jobs-each 1] [--sample N]
// Run it under `nice -n 10` on a shared machine.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { MEDIASOUP_VERSION, prepareWorkerSource } from "../../scripts/bootstrap/mediasoup-worker.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { values } = parseArgs({
  options: {
    variants: { type: "string", default: "3,2,1" },
    out: { type: "string", default: path.join(os.tmpdir(), "ygav-worker-flags") },
    "jobs-each": { type: "string", default: "1" },
    sample: { type: "string" },
  },
});
const variants = values.variants.split(",").map((v) => v.trim());
const level = (v) => v.replace(/\+pch$/, "");
const withPch = (v) => v.endsWith("+pch");
for (const v of variants) if (!["0", "1", "2", "3", "s", "g"].includes(level(v))) throw new Error(`--variants: meson optimization levels 0,1,2,3,s,g, each optionally +pch (got ${v})`);
const out = path.resolve(values.out);
const packageDir = path.join(root, "node_modules", "mediasoup");
const version = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")).version;
if (version !== MEDIASOUP_VERSION) throw new Error(`installed mediasoup is ${version}, expected ${MEDIASOUP_VERSION}`);

// Runs a command and reports its children's CPU: Node cannot read RUSAGE_CHILDREN, Python (which
// meson itself needs, so it is there) can.
const RUSAGE = [
  "import json, resource, subprocess, sys",
  "code = subprocess.call(sys.argv[2:])",
  "r = resource.getrusage(resource.RUSAGE_CHILDREN)",
  "json.dump({'code': code, 'user': r.ru_utime, 'system': r.ru_stime}, open(sys.argv[1], 'w'))",
].join("\n");

function run(command, args, { cwd, logFile }) {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logFile, "a");
    const child = spawn(command, args, { cwd, stdio: ["ignore", log, log] });
    child.on("error", reject);
    child.on("exit", (code) => {
      fs.closeSync(log);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} failed (${code}); see ${logFile}`));
    });
  });
}

await fsp.mkdir(out, { recursive: true });
const srcDirOf = (v) => path.join(out, withPch(v) ? "worker-pch" : "worker");
for (const pch of new Set(variants.map(withPch))) {
  const srcDir = path.join(out, pch ? "worker-pch" : "worker");
  await fsp.rm(srcDir, { recursive: true, force: true });
  await prepareWorkerSource(packageDir, srcDir, { precompiledHeader: pch });
}

const buildDirName = (v) => `${values.sample ? "sample" : "build"}-O${v}`;

// Configure every variant first (seconds, single-threaded), then compile them side by side.
for (const v of variants) {
  const buildDir = path.join(out, buildDirName(v));
  await fsp.rm(buildDir, { recursive: true, force: true });
  await fsp.mkdir(path.join(out, `O${v}`), { recursive: true });
  const logFile = path.join(out, `O${v}`, "build.log");
  await fsp.writeFile(logFile, "");
  await run("meson", ["setup", buildDir, "--wrap-mode=nodownload", `-Doptimization=${level(v)}`, "-Ddebug=false"], { cwd: srcDirOf(v), logFile });
}

if (values.sample) {
  await compareSample(Number(values.sample));
  process.exit(0);
}

const load = [os.loadavg()[0]];
const loadTimer = setInterval(() => load.push(os.loadavg()[0]), 5000);
console.log(`building mediasoup-worker ${version} at -O${variants.join(", -O")} side by side, ${values["jobs-each"]} job(s) each, load ${load[0].toFixed(1)}`);
const results = await Promise.all(
  variants.map(async (v) => {
    const buildDir = path.join(out, `build-O${v}`);
    const logFile = path.join(out, `O${v}`, "build.log");
    const usageFile = path.join(out, `O${v}`, "rusage.json");
    const started = Date.now();
    await run("python3", ["-c", RUSAGE, usageFile, "ninja", "-C", buildDir, "-j", values["jobs-each"], "mediasoup-worker"], { cwd: srcDirOf(v), logFile });
    const wall = (Date.now() - started) / 1000;
    const usage = JSON.parse(fs.readFileSync(usageFile, "utf8"));
    if (usage.code !== 0) throw new Error(`-O${v}: ninja failed (${usage.code}); see ${logFile}`);
    const units = fs.readFileSync(logFile, "utf8").split("\n").filter((l) => /^\[\d+\/\d+\] Compiling/.test(l)).length;
    const binary = path.join(out, `O${v}`, "mediasoup-worker");
    await fsp.copyFile(path.join(buildDir, "mediasoup-worker"), binary);
    await fsp.chmod(binary, 0o755);
    // Without MEDIASOUP_VERSION a working worker exits 41 at once.
    const check = spawnSync(binary, [], { env: { PATH: process.env.PATH }, timeout: 10_000 });
    if (check.status !== 41) throw new Error(`-O${v}: the built worker does not start (status ${check.status})`);
    console.log(`-O${v}: done in ${wall.toFixed(0)} s wall, ${(usage.user + usage.system).toFixed(0)} CPU s`);
    return { v, wall, cpu: usage.user + usage.system, units, size: fs.statSync(binary).size, binary };
  }),
);
clearInterval(loadTimer);

const base = results.find((r) => r.v === "3") ?? results[0];
const cpus = os.cpus();
console.log(`\nmediasoup-worker ${version}, ${cpus.length} cores (${cpus[0]?.model}), ${new Date().toISOString()}; load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} during the builds`);
console.log(`| flags | compile units | CPU s (user+sys) | vs -O${base.v} | wall s (side by side) | binary |`);
console.log("|---|---|---|---|---|---|");
for (const r of results) {
  console.log(
    `| -O${r.v} | ${r.units} | ${r.cpu.toFixed(0)} | ×${(r.cpu / base.cpu).toFixed(3)} | ${r.wall.toFixed(0)} | ${(r.size / 1024 / 1024).toFixed(1)} MB |`,
  );
}
for (const r of results) console.log(`  ${r.binary}`);

/**
 * Compiles every `every`-th translation unit of mediasoup-worker (its own sources and the
 * libwebrtc part it builds) at each level, the levels taking turns per unit, and prints the CPU
 * seconds each level spent on the same units.
 */
async function compareSample(every) {
  if (!(every >= 1)) throw new Error("--sample: a whole number ≥ 1");
  const commands = new Map(
    variants.map((v) => {
      const buildDir = path.join(out, buildDirName(v));
      const entries = JSON.parse(fs.readFileSync(path.join(buildDir, "compile_commands.json"), "utf8"));
      // The units `ninja mediasoup-worker` compiles: the executable's objects and libwebrtc's,
      // keyed by object name (the source paths differ between the plain and the +pch copies).
      const wanted = entries.filter((e) => e.output.startsWith("mediasoup-worker.p/") || e.output.startsWith("deps/libwebrtc/"));
      return [v, new Map(wanted.map((e) => [e.output, e]))];
    }),
  );
  const files = [...commands.get(variants[0]).keys()].sort();
  const picked = files.filter((_, i) => i % every === 0);
  // One Python process runs the compiles and reports each one's CPU (RUSAGE_CHILDREN deltas).
  const plan = [];
  picked.forEach((file, i) => {
    const order = variants.map((_, k) => variants[(i + k) % variants.length]);
    for (const v of order) {
      const entry = commands.get(v).get(file);
      if (!entry) throw new Error(`-O${v} has no compile command for ${file}`);
      fs.mkdirSync(path.join(entry.directory, path.dirname(entry.output)), { recursive: true });
      plan.push({ v, file, directory: entry.directory, command: entry.command });
    }
  });
  // A +pch variant's units need the header compiled first: once per build, counted apart.
  const pchCpu = {};
  for (const v of variants.filter(withPch)) {
    const buildDir = path.join(out, buildDirName(v));
    const usageFile = path.join(out, `O${v}`, "pch-rusage.json");
    const target = execTargets(buildDir).find((t) => t.endsWith(".gch"));
    await run("python3", ["-c", RUSAGE, usageFile, "ninja", "-C", buildDir, target], { cwd: out, logFile: path.join(out, `O${v}`, "build.log") });
    const usage = JSON.parse(fs.readFileSync(usageFile, "utf8"));
    pchCpu[v] = usage.user + usage.system;
  }
  const planFile = path.join(out, "sample-plan.json");
  const resultFile = path.join(out, "sample-result.json");
  fs.writeFileSync(planFile, JSON.stringify(plan));
  const runner = [
    "import json, resource, subprocess, sys",
    "plan = json.load(open(sys.argv[1])); out = []",
    "for step in plan:",
    "    before = resource.getrusage(resource.RUSAGE_CHILDREN)",
    "    code = subprocess.call(step['command'], shell=True, cwd=step['directory'], stdout=subprocess.DEVNULL)",
    "    after = resource.getrusage(resource.RUSAGE_CHILDREN)",
    "    if code != 0: sys.exit('compile failed: ' + step['file'])",
    "    out.append({'v': step['v'], 'file': step['file'], 'cpu': (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)})",
    "json.dump(out, open(sys.argv[2], 'w'))",
  ].join("\n");
  const load = [os.loadavg()[0]];
  const loadTimer = setInterval(() => load.push(os.loadavg()[0]), 5000);
  const started = Date.now();
  console.log(`compiling ${picked.length} of ${files.length} units (every ${every}th) at -O${variants.join(", -O")}, taking turns; load ${load[0].toFixed(1)}`);
  await run("python3", ["-c", runner, planFile, resultFile], { cwd: out, logFile: path.join(out, "sample.log") });
  clearInterval(loadTimer);
  const result = JSON.parse(fs.readFileSync(resultFile, "utf8"));
  const cpuOf = (v) => result.filter((r) => r.v === v).reduce((sum, r) => sum + r.cpu, 0);
  const base = variants.includes("3") ? "3" : variants[0];
  // Per-unit ratios too: a few big units must not hide what happens to the typical one.
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const perUnit = (v) => median(picked.map((file) => result.find((r) => r.v === v && r.file === file).cpu / result.find((r) => r.v === base && r.file === file).cpu));
  const cpus = os.cpus();
  console.log(
    `\nmediasoup-worker ${version}: ${picked.length} of ${files.length} translation units, ${cpus.length} cores (${cpus[0]?.model}), ${new Date().toISOString()}; ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s; load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}`,
  );
  console.log(`| flags | CPU s for the sample | vs -O${base} (sum) | vs -O${base} (median unit) |`);
  console.log("|---|---|---|---|");
  for (const v of variants) {
    console.log(`| -O${v} | ${cpuOf(v).toFixed(1)} | ×${(cpuOf(v) / cpuOf(base)).toFixed(3)} | ×${perUnit(v).toFixed(3)} |`);
  }
  for (const [v, cpu] of Object.entries(pchCpu)) console.log(`-O${v}: the precompiled header itself, once per build: ${cpu.toFixed(1)} CPU s`);
  // Whole-build estimate: each unit kind scaled by its share of the sample.
  const isMain = (file) => file.startsWith("mediasoup-worker.p/");
  for (const v of variants) {
    const scale = (keep) => {
      const all = files.filter(keep).length;
      const seen = picked.filter(keep);
      const cpu = result.filter((r) => r.v === v && seen.includes(r.file)).reduce((sum, r) => sum + r.cpu, 0);
      return seen.length ? (cpu * all) / seen.length : 0;
    };
    const estimate = scale(isMain) + scale((f) => !isMain(f)) + (pchCpu[v] ?? 0);
    console.log(`-O${v}: whole build ≈ ${estimate.toFixed(0)} CPU s (the sample scaled to all ${files.length} units${pchCpu[v] ? ", plus the header" : ""})`);
  }
}

function execTargets(buildDir) {
  return spawnSync("ninja", ["-C", buildDir, "-t", "targets", "all"], { encoding: "utf8" })
    .stdout.split("\n")
    .map((line) => line.split(":")[0].trim())
    .filter(Boolean);
}
