// Cold and warm `npm start`: clones this repository into a temporary folder, starts it with an
// empty worker cache (YANGGUANG_CACHE_DIR) and an empty npm cache (npm_config_cache) — so npm ci
// downloads every package from the registry and the mediasoup worker is compiled, as on a fresh
// machine — stops it with SIGINT, starts it again (warm), and prints for each start the time
// until:
//   - the portal answers (`/login` 200),
//   - the media node answers (`/health` 200: its port is open, its workers are up),
//   - video works: a host signs in, creates a room and joins; a guest joins by the guest link and
//     decodes the host's video in Chromium (getStats framesDecoded > 0). See first-video.ts.
// The load average is sampled throughout: on a shared machine the figures are upper bounds.
//
// Usage: npx tsx bench/startup/run.ts [--keep-cache]   (--keep-cache: reuse the worker and npm caches)
// BENCH_PORT / BENCH_MEDIA_PORT move the ports (3300 / 4600).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { firstVideo, type FirstVideo } from "./first-video.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "ygav-startup-"));
const clone = path.join(work, "clone");
execFileSync("git", ["clone", "--quiet", root, clone]);
const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: clone, encoding: "utf8" }).trim();
const keepCache = process.argv.includes("--keep-cache");
const port = Number(process.env.BENCH_PORT ?? 3300);
const mediaPort = Number(process.env.BENCH_MEDIA_PORT ?? 4600);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(port),
  MEDIA_PORT: String(mediaPort),
  ...(keepCache ? {} : { YANGGUANG_CACHE_DIR: path.join(work, "cache"), npm_config_cache: path.join(work, "npm-cache") }),
};
// The clone's own bootstrap picks the worker; a MEDIASOUP_WORKER_BIN from the caller's shell would skip the build.
delete env.MEDIASOUP_WORKER_BIN;

const answers = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    (response) => response.ok,
    () => false,
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load1 = () => os.loadavg()[0] ?? NaN;

interface StartResult {
  label: string;
  portalSeconds: number;
  healthSeconds: number;
  videoSeconds: number;
  stopSeconds: number;
  exitCode: number | string | null;
  load: { min: number; max: number; atStart: number };
  steps: string[];
}

async function timeStart(label: string): Promise<StartResult> {
  const started = Date.now();
  const atStart = load1();
  const load = { min: atStart, max: atStart, atStart };
  const child = spawn("npm", ["start"], { cwd: clone, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const since = () => (Date.now() - started) / 1000;
  const exited = () => {
    if (child.exitCode !== null) throw new Error(`${label}: npm start exited ${child.exitCode}\n${log.slice(-3000)}`);
  };

  let video: FirstVideo | undefined;
  let stopSeconds = NaN;
  let exitCode: number | string | null = null;
  let portalSeconds = NaN;
  let healthSeconds = NaN;
  let videoSeconds = NaN;
  try {
    let prepared: Promise<void> | undefined;
    while (Number.isNaN(healthSeconds)) {
      exited();
      const now = load1();
      load.min = Math.min(load.min, now);
      load.max = Math.max(load.max, now);
      if (Number.isNaN(portalSeconds) && (await answers(`http://127.0.0.1:${port}/login`))) {
        portalSeconds = since();
        console.log(`${label}: portal answers at ${portalSeconds.toFixed(1)} s (load ${now.toFixed(1)})`);
        // Sign in and create the room while the worker still builds, as a person would.
        video = await firstVideo(`http://localhost:${port}`);
        prepared = video.prepare();
      }
      if (!Number.isNaN(portalSeconds) && (await answers(`http://127.0.0.1:${mediaPort}/health`))) {
        healthSeconds = since();
        console.log(`${label}: media node answers at ${healthSeconds.toFixed(1)} s (load ${now.toFixed(1)})`);
      }
      await sleep(250);
    }
    await prepared;
    await video!.joinAndDecode();
    videoSeconds = since();
    console.log(`${label}: guest decodes the host's video at ${videoSeconds.toFixed(1)} s (load ${load1().toFixed(1)})`);
  } finally {
    await video?.close();
    const stopStarted = Date.now();
    try {
      process.kill(-child.pid!, "SIGINT");
    } catch {
      // already gone
    }
    exitCode = await new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.on("exit", (c, signal) => resolve(c ?? signal));
    });
    // npm itself exits at once on SIGINT; the portal and the media node close their own state.
    for (let i = 0; i < 300; i++) {
      const up = await Promise.all(
        [port, mediaPort].map((p) =>
          fetch(`http://127.0.0.1:${p}/`, { signal: AbortSignal.timeout(1000) }).then(
            () => true,
            () => false,
          ),
        ),
      );
      if (!up.includes(true)) break;
      await sleep(100);
    }
    stopSeconds = (Date.now() - stopStarted) / 1000;
  }
  const steps = log.split("\n").filter((line) => /\[bootstrap\] .* (done|built) in|mediasoup-worker: built|\[bootstrap\] ready/.test(line));
  return { label, portalSeconds, healthSeconds, videoSeconds, stopSeconds, exitCode, load, steps };
}

try {
  const results = [await timeStart(keepCache ? "warm caches" : "cold"), await timeStart("warm")];
  const cpu = os.cpus();
  console.log(`\nnpm start of ${commit} on ${cpu.length} cores (${cpu[0]?.model}), Node ${process.version}, ${new Date().toISOString()}`);
  console.log("| start | portal answers | media node answers | video works (guest decodes host) | load avg (start / min–max) | Ctrl-C until both ports closed |");
  console.log("|---|---|---|---|---|---|");
  for (const r of results) {
    console.log(
      `| ${r.label} | ${r.portalSeconds.toFixed(1)} s | ${r.healthSeconds.toFixed(1)} s | ${r.videoSeconds.toFixed(1)} s | ` +
        `${r.load.atStart.toFixed(1)} / ${r.load.min.toFixed(1)}–${r.load.max.toFixed(1)} | ${r.stopSeconds.toFixed(1)} s |`,
    );
  }
  for (const r of results) for (const step of r.steps) console.log(`  ${r.label}: ${step.trim()}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
