// bench/node-idle: CPU and wakeups of the media node's own Node.js process with no room open
// (issue 14: ≤ 0.1 % of a core). Starts the node as `npm run media` does (server/src/main.ts,
// production logging), waits until it listens, lets it settle, then reads the kernel's per-thread
// counters over N seconds: CPU time from /proc/<pid>/task/*/schedstat (ns on CPU, exact) and
// context switches from /proc/<pid>/task/*/status (each voluntary switch is one sleep → wakeup).
// The mediasoup workers are child processes and are not counted. Prints figures; not a test.
import "../sfu/worker-bin.ts";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ed25519PemKeyPair } from "../../scripts/lib/ed25519-pem.mjs";

const USAGE = `npx tsx bench/node-idle/run.ts [flags]
  --seconds N          measured idle time (default 60)
  --settle N           wait this long after the node listens before measuring (default 10)
  --scrape-seconds S   GET /metrics every S s while measuring, as Prometheus would (default 0 = never)
  --workers N          mediasoup workers (default 1; they are child processes, not counted)
  --root DIR           run another checkout's server/src/main.ts (e.g. before a change)
  --worker PATH        worker binary for it (default: MEDIASOUP_WORKER_BIN / the bootstrap cache)`;

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    settle: { type: "string", default: "10" },
    "scrape-seconds": { type: "string", default: "0" },
    workers: { type: "string", default: "1" },
    root: { type: "string" },
    worker: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const seconds = Number(values.seconds);
const settle = Number(values.settle);
const scrapeSeconds = Number(values["scrape-seconds"]);
if (!(seconds > 0) || !(settle >= 0) || !(scrapeSeconds >= 0)) throw new Error(USAGE);
const root = path.resolve(values.root ?? fileURLToPath(new URL("../../", import.meta.url)));
const sleep = (s: number) => new Promise((resolve) => setTimeout(resolve, s * 1000));

interface ThreadSample {
  comm: string;
  cpuNs: number;
  switches: number;
}

/** Per-thread CPU ns and context switches of one process (threads that exit between reads are dropped). */
function sampleThreads(pid: number): Map<string, ThreadSample> {
  const out = new Map<string, ThreadSample>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const dir = `/proc/${pid}/task/${tid}`;
      const cpuNs = Number(readFileSync(`${dir}/schedstat`, "utf8").split(" ")[0]);
      const status = readFileSync(`${dir}/status`, "utf8");
      const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
      out.set(tid, {
        comm: readFileSync(`${dir}/comm`, "utf8").trim(),
        cpuNs,
        switches: field("voluntary_ctxt_switches") + field("nonvoluntary_ctxt_switches"),
      });
    } catch {
      // The thread ended while we read it.
    }
  }
  return out;
}

async function main(): Promise<void> {
  const { publicKey } = ed25519PemKeyPair();
  const metricsToken = randomBytes(24).toString("base64url");
  const env = {
    ...process.env,
    ...(values.worker ? { MEDIASOUP_WORKER_BIN: path.resolve(values.worker) } : {}),
    MEDIA_NODE_ID: "idle-bench",
    MEDIA_PORT: "0",
    MEDIA_HTTP_HOST: "127.0.0.1",
    MEDIA_LISTEN_IP: "127.0.0.1",
    MEDIA_WORKERS: values.workers,
    MEDIA_RTC_MIN_PORT: "47000",
    MEDIA_RTC_MAX_PORT: "47999",
    JOIN_TOKEN_PUBLIC_KEY: publicKey,
    METRICS_TOKEN: metricsToken,
    LOG_LEVEL: "info",
  };
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server", "src", "main.ts")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      for (const line of buffered.split("\n")) {
        if (!line.includes("media node listening")) continue;
        const parsed = JSON.parse(line) as { port?: number };
        resolve(parsed.port!);
      }
      buffered = buffered.slice(buffered.lastIndexOf("\n") + 1);
    });
    child.once("exit", (code) => reject(new Error(`media node exited (${code}) before listening`)));
    setTimeout(() => reject(new Error("media node did not listen within 60 s")), 60_000);
  });
  // Keep draining its (quiet) log so a full pipe never blocks it.
  child.stdout!.resume();
  const pid = child.pid!;
  try {
    await sleep(settle);
    let scrapes = 0;
    const scrape = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
      if (!response.ok) throw new Error(`/metrics: ${response.status}`);
      await response.text();
      scrapes++;
    };
    const before = sampleThreads(pid);
    const t0 = process.hrtime.bigint();
    const timer = scrapeSeconds > 0 ? setInterval(() => void scrape().catch((e: unknown) => console.error(String(e))), scrapeSeconds * 1000) : undefined;
    await sleep(seconds);
    if (timer) clearInterval(timer);
    const after = sampleThreads(pid);
    const wallNs = Number(process.hrtime.bigint() - t0);

    const byName = new Map<string, { cpuNs: number; switches: number; threads: number }>();
    for (const [tid, end] of after) {
      const start = before.get(tid) ?? { comm: end.comm, cpuNs: 0, switches: 0 };
      // Node names no thread of its own: the main thread runs the event loop (and JS).
      const name = Number(tid) === pid ? "main thread (event loop)" : `other threads (${end.comm})`;
      const entry = byName.get(name) ?? { cpuNs: 0, switches: 0, threads: 0 };
      entry.cpuNs += end.cpuNs - start.cpuNs;
      entry.switches += end.switches - start.switches;
      entry.threads++;
      byName.set(name, entry);
    }
    const totalCpu = [...byName.values()].reduce((n, e) => n + e.cpuNs, 0);
    const totalSwitches = [...byName.values()].reduce((n, e) => n + e.switches, 0);
    const version = JSON.parse(readFileSync(path.join(root, "node_modules", "mediasoup", "package.json"), "utf8")).version as string;
    console.log(`bench/node-idle — ${new Date().toISOString()}`);
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    console.log(`media node: ${root}/server/src/main.ts, mediasoup ${version}, ${values.workers} worker(s), no room open; ${seconds} s measured after ${settle} s settle` +
      (scrapeSeconds > 0 ? `; GET /metrics every ${scrapeSeconds} s (${scrapes} scrapes)` : "; no scrapes"));
    console.log(`\n| thread | threads | CPU % of a core | wakeups/s |\n|---|---|---|---|`);
    for (const [name, e] of [...byName].sort((a, b) => b[1].cpuNs - a[1].cpuNs)) {
      if (e.cpuNs === 0 && e.switches === 0) continue;
      console.log(`| ${name} | ${e.threads} | ${((e.cpuNs / wallNs) * 100).toFixed(3)} | ${((e.switches / wallNs) * 1e9).toFixed(1)} |`);
    }
    console.log(`| **process** | ${after.size} | **${((totalCpu / wallNs) * 100).toFixed(3)}** | **${((totalSwitches / wallNs) * 1e9).toFixed(1)}** |`);
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
