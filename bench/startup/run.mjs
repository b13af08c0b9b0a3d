// Cold and warm `npm start`: clones this repository into a temporary folder, starts it with an
// empty worker cache and an empty npm cache (cold: npm ci from the registry, worker build,
// Prisma client, portal build, migrate, seed), stops it with SIGINT, starts it again (warm), and
// prints both times to "portal answers" and to "media node answers" (video works: the portal no
// longer waits for the worker build, the media node starts once it is built).
// Usage: node bench/startup/run.mjs [--keep-cache]   (--keep-cache: reuse the worker and npm caches)
// BENCH_PORT / BENCH_MEDIA_PORT move the ports (3300 / 4600).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "ygav-startup-"));
const clone = path.join(work, "clone");
execFileSync("git", ["clone", "--quiet", root, clone]);
const cacheDir = process.argv.includes("--keep-cache") ? undefined : path.join(work, "cache");
const port = Number(process.env.BENCH_PORT ?? 3300);
const mediaPort = Number(process.env.BENCH_MEDIA_PORT ?? 4600);
const env = {
  ...process.env,
  PORT: String(port),
  MEDIA_PORT: String(mediaPort),
  ...(cacheDir ? { YANGGUANG_CACHE_DIR: cacheDir, npm_config_cache: path.join(work, "npm-cache") } : {}),
};

const answers = (url) =>
  fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    (response) => response.ok,
    () => false,
  );

async function timeStart(label) {
  const started = Date.now();
  const child = spawn("npm", ["start"], { cwd: clone, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  let seconds = null;
  let mediaSeconds = null;
  while (seconds === null || mediaSeconds === null) {
    if (child.exitCode !== null) throw new Error(`${label}: npm start exited ${child.exitCode}\n${log.slice(-3000)}`);
    if (seconds === null && (await answers(`http://127.0.0.1:${port}/login`))) seconds = (Date.now() - started) / 1000;
    if (mediaSeconds === null && (await answers(`http://127.0.0.1:${mediaPort}/health`))) mediaSeconds = (Date.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const stopStarted = Date.now();
  process.kill(-child.pid, "SIGINT");
  const code = await new Promise((resolve) => child.on("exit", (c, signal) => resolve(c ?? signal)));
  // npm itself exits at once on SIGINT; the portal and the media node close their own state.
  for (;;) {
    const up = await Promise.all(
      [port, mediaPort].map((p) =>
        fetch(`http://127.0.0.1:${p}/`, { signal: AbortSignal.timeout(1000) }).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (!up.includes(true)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const steps = log.split("\n").filter((line) => /\[bootstrap\] .* done in|\[bootstrap\] ready/.test(line));
  return { label, seconds, mediaSeconds, stopSeconds: (Date.now() - stopStarted) / 1000, exitCode: code, steps };
}

try {
  const results = [await timeStart("cold"), await timeStart("warm")];
  console.log(`\nnpm start on ${os.cpus().length} cores (${os.cpus()[0]?.model}), Node ${process.version}, ${new Date().toISOString()}`);
  console.log("| start | until the portal answers | until the media node answers (video works) | Ctrl-C until both ports are closed | npm's exit |");
  console.log("|---|---|---|---|---|");
  for (const r of results) console.log(`| ${r.label} | ${r.seconds.toFixed(1)} s | ${r.mediaSeconds.toFixed(1)} s | ${r.stopSeconds.toFixed(1)} s | ${r.exitCode} |`);
  for (const r of results) for (const step of r.steps) console.log(`  ${r.label}: ${step.trim()}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
