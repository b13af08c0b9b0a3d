// npm run demo:network — the five-level media network on one machine (issue 11 §5): the portal
// and a media node for 司法部, 广东省, 佛山市, 高明区, 荷城司法所 and a facility under 广东省, each
// configured with its parent. As root (where `ip netns` works) each node runs in its own network
// namespace with its own address, linked like the real tree, so a link can be capped or cut;
// otherwise on loopback ports. The multi-node e2e (e2e/network.spec.ts) runs this same launcher.
//
//   npm run demo:network [-- --loopback] [--port 3000] [--nodes moj,gd,fs,gm,hc,jy1]
//   npm run demo:network -- --cap fs=500kbit | --uncap fs | --cut fs | --restore fs   (namespace mode, another shell)
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (line) => console.log(`[demo] ${line}`);

const { values: args } = parseArgs({
  options: {
    loopback: { type: "boolean", default: false },
    netns: { type: "boolean", default: false },
    port: { type: "string", default: "3000" },
    "media-port": { type: "string", default: "4450" },
    "rtc-port": { type: "string", default: "41000" },
    nodes: { type: "string" },
    // Tests: a temporary database and throwaway secrets, removed at exit; no bootstrap.
    ephemeral: { type: "boolean", default: false },
    cap: { type: "string" },
    uncap: { type: "string" },
    cut: { type: "string" },
    restore: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (args.help) {
  console.log(fs.readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").filter((l) => l.startsWith("//")).map((l) => l.slice(3)).join("\n"));
  process.exit(0);
}

// Only Node built-ins and our own .mjs above this line: the bootstrap may not have run yet.
const netns = await import("./lib/netns.mjs");

// One-shot commands on a running namespace demo.
for (const [flag, apply] of [
  ["cap", (state, value) => {
    const [id, rate] = value.split("=");
    if (!rate) throw new Error("--cap <node>=<rate>, e.g. --cap fs=500kbit");
    return netns.capCommands(state, id, rate);
  }],
  ["uncap", (state, id) => netns.capCommands(state, id, null)],
  ["cut", (state, id) => netns.cutCommands(state, id)],
  ["restore", (state, id) => netns.cutCommands(state, id, true)],
]) {
  if (!args[flag]) continue;
  try {
    netns.run(apply(netns.readState(), args[flag]), { ignoreErrors: flag === "uncap" });
    log(`${flag} ${args[flag]}: done`);
    process.exit(0);
  } catch (error) {
    console.error(`[demo] ${error.message}`);
    process.exit(1);
  }
}

const { bootstrap } = await import("./bootstrap.mjs");
const baseEnv = args.ephemeral ? { ...process.env, YANGGUANG_ROOT: ROOT_DIR } : await bootstrap();
const { ephemeralSecrets, withLocalSecrets } = await import("./lib/local-secrets.mjs");
const { DEMO_NETWORK_NODES, networkPlan } = await import("./lib/network-plan.mjs");
const { ed25519PemKeyPair } = await import("./lib/ed25519-pem.mjs");
const { startMediaNode, startPortal } = await import("./lib/services.mjs");
const { supervise } = await import("./lib/supervise.mjs");
const { mediasoupWorkerCachePath, MEDIASOUP_VERSION } = await import("./bootstrap/mediasoup-worker.mjs");

const mode = args.loopback ? "loopback" : args.netns || netns.netnsAvailable() ? "netns" : "loopback";
if (args.netns && !netns.netnsAvailable()) {
  console.error("[demo] --netns needs root and `ip netns` (iproute2); run without it for loopback ports");
  process.exit(1);
}
const portalPort = Number(args.port);
const dataDir = args.ephemeral ? fs.mkdtempSync(path.join(os.tmpdir(), "ygav-demo-network-")) : path.join(ROOT_DIR, "data", "demo-network");
fs.mkdirSync(dataDir, { recursive: true });
const env = {
  ...(args.ephemeral ? { ...baseEnv, ...ephemeralSecrets() } : withLocalSecrets(ROOT_DIR, baseEnv)),
  // Its own database: `npm start`'s (data/pglite) may be open in another process.
  DATABASE_URL: args.ephemeral || !baseEnv.DATABASE_URL ? `pglite:${path.join(dataDir, "pglite")}` : baseEnv.DATABASE_URL,
  LOG_LEVEL: baseEnv.LOG_LEVEL ?? "warn",
  MEDIASOUP_WORKER_BIN: baseEnv.MEDIASOUP_WORKER_BIN ?? mediasoupWorkerCachePath(MEDIASOUP_VERSION, baseEnv),
  RECORDINGS_DIR: baseEnv.RECORDINGS_DIR ?? path.join(dataDir, "recordings"),
};
// Settings of a lone `npm start` node must not leak into the network's nodes and portal.
for (const name of Object.keys(env)) if (/^MEDIA_(PARENT|CHILD|NODE_KEY|UNIT|PIPE)/.test(name) || name === "MEDIA_NODES") delete env[name];

let teardown = () => {};
process.on("exit", () => {
  teardown();
  if (args.ephemeral) fs.rmSync(dataDir, { recursive: true, force: true });
});

try {
  const keys = (args.nodes ?? DEMO_NETWORK_NODES.join(",")).split(",").map((k) => k.trim()).filter(Boolean);
  const unitsFile = path.join(dataDir, "network-units.json");
  await runToEnd(path.join(ROOT_DIR, "node_modules", ".bin", "tsx"), [path.join(ROOT_DIR, "scripts", "demo-network-setup.ts"), unitsFile, ...keys], env);
  const units = JSON.parse(fs.readFileSync(unitsFile, "utf8"));
  const plan = networkPlan({
    units,
    mode,
    portalPort,
    mediaPort: Number(args["media-port"]),
    rtcPort: Number(args["rtc-port"]),
    keys: Object.fromEntries(units.map((u) => [u.key, ed25519PemKeyPair()])),
  });
  if (mode === "netns") {
    // A previous run that was killed may have left its namespaces.
    netns.run(netns.teardownCommands(plan), { ignoreErrors: true });
    teardown = () => {
      netns.run(netns.teardownCommands(plan), { ignoreErrors: true });
      fs.rmSync(netns.NETNS_STATE_FILE, { force: true });
    };
    netns.run(netns.setupCommands(plan));
    netns.writeState(plan);
  }
  supervise([
    { name: "portal", start: () => startPortal({ rootDir: ROOT_DIR, env: { ...env, ...plan.portalEnv } }) },
    ...plan.nodes.map((node) => ({
      name: `media node ${node.id}`,
      start: () => startMediaNode({ rootDir: ROOT_DIR, env: { ...env, ...node.env }, netns: node.ns?.name }),
    })),
  ]);
  await ready(plan);
  printGuide(plan);
} catch (error) {
  console.error(`[demo] ${error.message}`);
  teardown();
  process.exit(1);
}

function runToEnd(program, argv, childEnv) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, argv, { cwd: ROOT_DIR, env: childEnv, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(argv[0])} failed (exit ${code})`))));
  });
}

/** Waits for the portal and every node to answer; says which are still missing meanwhile. */
async function ready(plan) {
  const targets = [{ name: "portal", url: `http://127.0.0.1:${portalPort}/api/v1/health` }, ...plan.nodes.map((n) => ({ name: `node ${n.id}`, url: `${n.url}/health` }))];
  const started = Date.now();
  for (const target of targets) {
    for (;;) {
      try {
        if ((await fetch(target.url, { signal: AbortSignal.timeout(5000) })).ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() - started > 300_000) throw new Error(`${target.name} did not answer at ${target.url} within 5 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

function printGuide(plan) {
  const rows = plan.nodes.map((n) => `  ${n.id.padEnd(4)} ${n.name.padEnd(8, "　")} ${n.url.padEnd(24)} ${n.parent ? `parent ${n.parent}` : "top"}`);
  const how =
    plan.mode === "netns"
      ? [
          "each node is in its own network namespace (ygav-<id>), linked to its parent by a veth pair:",
          "  cap a link:   npm run demo:network -- --cap fs=500kbit     (lift: --uncap fs)",
          "  cut a link:   npm run demo:network -- --cut fs             (back: --restore fs)",
        ]
      : [args.loopback ? "nodes on loopback ports (--loopback)" : "nodes on loopback ports (run as root for one network namespace per node, with --cap / --cut)"];
  log(
    [
      `ready (${plan.mode}): portal http://localhost:${portalPort}`,
      ...rows,
      ...how,
      "walkthrough (README, 'The five-level network'):",
      `  1. http://localhost:${portalPort} as hc.officer (password Sunshine#2026): 点名 → 新建点名, open a person's link in a private window`,
      "  2. another browser as moj.inspector: 远程督察 → the roll call's tile → watched through moj ← gd ← fs ← gm ← hc",
      "Ctrl-C stops everything",
    ].join("\n"),
  );
}
