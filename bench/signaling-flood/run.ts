// How responsive the media node stays under signaling abuse: the node runs as its own process
// (as npm start runs it), a prober process asks /health every 20 ms, and this process either
// floods signaling from one client or runs a join/leave storm of 200 peers.
//   npx tsx bench/signaling-flood/run.ts [--seconds 10] [--peers 200]
// Prints p50/p95/max of /health per phase. A benchmark, not a test: nothing is asserted.
import "../sfu/worker-bin.ts";
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { io, type Socket } from "socket.io-client";
import { signJoinToken } from "../../web/lib/media/sign-join-token.ts";
import { spawnMediaNode } from "../../server/test/support/node-process.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const { values } = parseArgs({
  options: { seconds: { type: "string", default: "10" }, peers: { type: "string", default: "200" }, "cpu-prof-dir": { type: "string" }, only: { type: "string" } },
});
const seconds = Number(values.seconds);
const peers = Number(values.peers);

const metricsToken = "bench-signaling-flood-metrics";
const node = await spawnMediaNode(
  {
    // Production's log level; every storm peer connects from loopback.
    LOG_LEVEL: "info",
    MEDIA_MAX_CONNECTIONS_PER_ADDRESS: "100000",
    MEDIA_RTC_MIN_PORT: "34000",
    MEDIA_RTC_MAX_PORT: "34999",
    METRICS_TOKEN: metricsToken,
  },
  // --cpu-prof-dir DIR: the node writes a V8 CPU profile there when it stops.
  { keepOutput: false, nodeArgs: values["cpu-prof-dir"] ? ["--cpu-prof", `--cpu-prof-dir=${values["cpu-prof-dir"]}`] : [] },
);
const url = `http://127.0.0.1:${node.port}`;
const token = (sub: string, room: string) =>
  signJoinToken(node.privateKey, { room, sub, name: sub, role: "participant", grants: { publish: true, subscribe: true, observe: false, moderate: false } });
const connect = (auth: string) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = io(url, { auth: { token: auth }, transports: ["websocket"], reconnection: false, forceNew: true });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
type Ack = { ok: boolean; error?: { code: string } };
const ask = (socket: Socket, name: string, payload: unknown) => socket.timeout(10_000).emitWithAck(name, payload).catch(() => ({ ok: false, error: { code: "timeout" } })) as Promise<Ack>;

function probe(durationMs: number): Promise<{ latencies: number[]; failures: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), [path.join(here, "probe.ts"), url, String(durationMs)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk));
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`probe exited ${code}`))));
  });
}

function summary(name: string, { latencies, failures }: { latencies: number[]; failures: number }, extra: string): void {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  // When in the phase the slowest answers came (0 = its start): a stall at the start is the
  // connection burst, one spread out is steady overload.
  const slowest = latencies.map((ms, i) => ({ ms, at: i / latencies.length })).sort((a, b) => b.ms - a.ms).slice(0, 3);
  console.log(
    `${name.padEnd(34)} /health n=${sorted.length} p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  max ${sorted.at(-1)!.toFixed(1)} ms  failed ${failures}   ${extra}` +
      `  [slowest at ${slowest.map((s) => `${s.at.toFixed(2)}`).join(", ")}]`,
  );
}

/**
 * The node's own event-loop delay (prom-client's monitorEventLoopDelay, reset at every scrape):
 * what the node did to itself, apart from the CPU the load generator takes on the same cores.
 */
async function eventLoopLag(): Promise<string> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
  const read = (name: string) => Number(new RegExp(`^nodejs_eventloop_lag_${name}_seconds (\\S+)$`, "m").exec(text)?.[1] ?? NaN) * 1000;
  return `node event-loop delay p50 ${read("p50").toFixed(1)} / p99 ${read("p99").toFixed(1)} / max ${read("max").toFixed(1)} ms`;
}

/** Runs `load` until the prober (started first, for `seconds`) is done. --only NAME: that phase only. */
async function phase(name: string, load: (running: () => boolean) => Promise<string>): Promise<void> {
  if (values.only && !name.startsWith(values.only)) return;
  await eventLoopLag();
  const probing = probe(seconds * 1000);
  let running = true;
  const loading = load(() => running);
  const result = await probing;
  running = false;
  summary(name, result, `${await loading}\n${"".padEnd(35)}${await eventLoopLag()}`);
}

console.log(`signaling-flood: ${new Date().toISOString()}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}, ${seconds} s per phase`);

await phase("idle", async () => "");

await phase("one client floods (acked + unacked)", async (running) => {
  let served = 0;
  let refused = 0;
  let disconnects = 0;
  while (running()) {
    const socket = await connect(await token("flooder", "flood"));
    // An attacker reconnects as soon as it is dropped.
    const dropped = new Promise<void>((resolve) => socket.once("disconnect", () => resolve()));
    let open = true;
    void dropped.then(() => (open = false));
    while (running() && open) {
      const burst = Array.from({ length: 500 }, () => ask(socket, "getRouterRtpCapabilities", {}));
      for (let i = 0; i < 500; i++) socket.emit("leave", {});
      for (const answer of await Promise.all(burst)) answer.ok ? served++ : refused++;
    }
    if (!open) disconnects++;
    socket.close();
  }
  return `served ${served}, refused ${refused}, disconnected ${disconnects}×`;
});

await phase(`join/leave storm, ${peers} peers, 1 room`, async (running) => {
  let cycles = 0;
  let refused = 0;
  const peer = async (i: number) => {
    const auth = await token(`peer-${i}`, "storm");
    while (running()) {
      const socket = await connect(auth);
      const joined = await ask(socket, "join", { rtpCapabilities: {} });
      if (!joined.ok) refused++;
      await ask(socket, "leave", {});
      socket.close();
      cycles++;
    }
  };
  await Promise.all(Array.from({ length: peers }, (_, i) => peer(i)));
  return `${cycles} join/leave cycles (${(cycles / seconds).toFixed(0)}/s), ${refused} refused`;
});

await node.stop();
