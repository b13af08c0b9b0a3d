// bench/cascade (issue 11): five media nodes in a tree (司法部 ← 省 ← 市 ← 区 ← 司法所) on
// loopback, each with its own mediasoup worker, a roll call at the 司法所, watched from the top.
// Prints: the latency each hop adds (a frame's arrival at each node along the path), the bytes
// each link carries with 1, 10 and 50 viewers at the top, and each node's worker CPU per stream.
import "../sfu/worker-bin.ts";
import os from "node:os";
import { parseArgs } from "node:util";
import * as mediasoup from "mediasoup";
import { frameCounter, NodeTree, sleep, syntheticCamera, until } from "../../server/test/support/node-tree.ts";
import { OBSERVER } from "../../server/test/support/tree-portal.ts";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "10" }, streams: { type: "string", default: "4" } } });
const seconds = Number(values.seconds);
const streamCount = Number(values.streams);
const TREE = [{ id: "moj" }, { id: "gd", parent: "moj" }, { id: "fs", parent: "gd" }, { id: "gm", parent: "fs" }, { id: "hc", parent: "gm" }];
const PATH = ["hc", "gm", "fs", "gd", "moj"];
const ROOM = "bench-cascade";
const IN_ROOM = { home: "hc", room: ROOM, kind: "rollcall" } as const;

console.log(`bench/cascade — ${new Date().toISOString()}; Node ${process.version}, mediasoup ${mediasoup.version}, ${os.cpus().length} × ${os.cpus()[0]?.model}, load ${os.loadavg()[0]!.toFixed(1)}`);
const tree = new NodeTree(TREE, { MEDIA_PIPE_IDLE_SECONDS: "2" }, 51500);
for (const spec of TREE) await tree.startNode(spec.id);
await tree.linked();
const viewer = (i: number) => tree.join("moj", { ...IN_ROOM, ...OBSERVER, sub: `inspector-${i}` });

const cameras: Array<Awaited<ReturnType<typeof syntheticCamera>>> = [];
for (let i = 0; i < streamCount; i++) {
  await tree.join("hc", { ...IN_ROOM, sub: `person-${i}`, as: "person", sees: "staff" }, { recv: false });
  cameras.push(await syntheticCamera(tree.room("hc", ROOM)!, `person-${i}`));
}
await viewer(0);
await until("every stream at the top", () => {
  const room = tree.room("moj", ROOM);
  return room && cameras.every((c) => [...room.allPeers()].some((p) => p.producers.has(c.producer.id)));
}, 30_000);

// 1. Latency per hop: one stream's frames, timed as they complete at each node.
const counters = await Promise.all(PATH.map((id) => frameCounter(tree.room(id, ROOM)!, cameras[0]!.producer.id)));
await sleep(seconds * 1000);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length * 0.95)]! : NaN;
};
console.log(`\n## Added latency per hop (one VP8 stream, 30 fps, ${seconds} s; frame complete at each node's plain receiver)\n`);
console.log("| hop | frames | median ms | p95 ms |");
console.log("|---|---|---|---|");
for (let i = 1; i < PATH.length; i++) {
  const deltas: number[] = [];
  for (const [ts, at] of counters[i]!.completedAt) {
    const below = counters[i - 1]!.completedAt.get(ts);
    if (below !== undefined) deltas.push(at - below);
  }
  console.log(`| ${PATH[i - 1]} → ${PATH[i]} | ${deltas.length} | ${median(deltas).toFixed(2)} | ${p95(deltas).toFixed(2)} |`);
}
for (const c of counters) c.close();

// 2. Bytes per link with 1, 10 and 50 viewers at the top.
const linkBytes = async (ms: number) => {
  const read = () =>
    Promise.all(
      PATH.slice(1).map(async (upper, i) => {
        const pipe = tree.get(upper).node.network!.links.pipeOf(ROOM, PATH[i]!);
        return (pipe ? await pipe.getStats() : []).reduce((sum, s) => sum + (s.bytesReceived ?? 0), 0);
      }),
    );
  const before = await read();
  const packets0 = cameras.reduce((n, c) => n + c.stream.packetsSent, 0);
  await sleep(ms);
  const after = await read();
  const packets = cameras.reduce((n, c) => n + c.stream.packetsSent, 0) - packets0;
  return { kbps: after.map((b, i) => ((b - before[i]!) * 8) / ms), perPacket: after.map((b, i) => (b - before[i]!) / packets) };
};
console.log(`\n## Bytes per link, ${streamCount} streams, viewers at the ministry (kbit/s into the upper node; bytes per RTP packet the cameras sent)\n`);
console.log(`| viewers | ${PATH.slice(1).map((u, i) => `${PATH[i]}→${u}`).join(" | ")} | streams per link |`);
console.log(`|---|${PATH.slice(1).map(() => "---|").join("")}---|`);
let watching = 1;
for (const target of [1, 10, 50]) {
  while (watching < target) await viewer(watching++);
  await until(`${target} viewers' consumers`, () => tree.clients.filter((c) => c.consumers.size === streamCount).length >= target || undefined, 60_000);
  await sleep(2500);
  const { kbps, perPacket } = await linkBytes(seconds * 1000);
  const streams = await Promise.all(PATH.slice(0, -1).map(async (lower, i) => (await tree.get(lower).node.network!.links.linkStats()).find((s) => s.neighbor === PATH[i + 1])?.streamsOut ?? 0));
  console.log(`| ${target} | ${kbps.map((k, i) => `${k.toFixed(0)} (${perPacket[i]!.toFixed(0)} B/pkt)`).join(" | ")} | ${streams.join(", ")} |`);
}

// 3. CPU per hop per stream: each node's worker CPU over the window, ÷ streams (50 viewers at the top).
const usage = () => Promise.all(PATH.map(async (id) => {
  const r = await tree.get(id).node.pool.list()[0]!.getResourceUsage();
  return r.ru_utime + r.ru_stime;
}));
const u0 = await usage();
await sleep(seconds * 1000);
const u1 = await usage();
console.log(`\n## Worker CPU per node per stream (${streamCount} streams, 50 viewers at the ministry, ${seconds} s)\n`);
console.log("| node | role | CPU % of a core | per stream % |");
console.log("|---|---|---|---|");
const roles: Record<string, string> = { hc: "home (publishers)", gm: "relay", fs: "relay", gd: "relay", moj: "top (50 viewers)" };
for (let i = 0; i < PATH.length; i++) {
  const pct = ((u1[i]! - u0[i]!) / (seconds * 1000)) * 100;
  console.log(`| ${PATH[i]} | ${roles[PATH[i]!]} | ${pct.toFixed(2)} | ${(pct / streamCount).toFixed(2)} |`);
}

for (const c of cameras) c.stop();
await tree.close();
process.exit(0);
