// bench/network-rooms (issue 11): the ministry node's CPU while it watches many live rooms below
// it, one tile each — the /inspection wall of 司法部 over 50 roll calls at 荷城司法所, four hops
// down. Five real media nodes in one process (each its own mediasoup worker) on loopback; each
// room has one synthetic VP8 camera (bench/sfu/vp8-stream.ts, 30 fps, ≈ 430 kbit/s: a full camera,
// more than a tile's lowest layer, so the figures are an upper bound); at the ministry, each room
// has an observer joined through the network and a plain RTP receiver on the ministry's router
// (real egress, as a browser tile would take). Prints each node's worker CPU over the window, the
// frames the ministry's receivers completed, and the bytes on the last link.
import "../sfu/worker-bin.ts";
import os from "node:os";
import { parseArgs } from "node:util";
import * as mediasoup from "mediasoup";
import { frameCounter, NodeTree, sleep, syntheticCamera, until } from "../../server/test/support/node-tree.ts";
import { OBSERVER } from "../../server/test/support/tree-portal.ts";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "10" }, rooms: { type: "string", default: "50" } } });
const seconds = Number(values.seconds);
const roomCount = Number(values.rooms);
// 400 RTC ports per node (NodeTree's default is 100): a camera's PlainTransport, pipes and tiles per room.
const ports = (i: number) => ({ MEDIA_RTC_MIN_PORT: String(53000 + i * 400), MEDIA_RTC_MAX_PORT: String(53000 + i * 400 + 399) });
const TREE = [{ id: "moj" }, { id: "gd", parent: "moj" }, { id: "fs", parent: "gd" }, { id: "gm", parent: "fs" }, { id: "hc", parent: "gm" }].map((s, i) => ({ ...s, env: ports(i) }));
const PATH = ["hc", "gm", "fs", "gd", "moj"];
const roomId = (i: number) => `bench-rollcall-${i}`;
const inRoom = (i: number) => ({ home: "hc", room: roomId(i), kind: "rollcall" }) as const;

console.log(`bench/network-rooms — ${new Date().toISOString()}; Node ${process.version}, mediasoup ${mediasoup.version}, ${os.cpus().length} × ${os.cpus()[0]?.model}, load ${os.loadavg()[0]!.toFixed(1)}`);
const tree = new NodeTree(TREE, { MEDIA_PIPE_IDLE_SECONDS: "30" }, 52500);
for (const spec of TREE) await tree.startNode(spec.id);
await tree.linked();

const usage = () =>
  Promise.all(
    PATH.map(async (id) => {
      const r = await tree.get(id).node.pool.list()[0]!.getResourceUsage();
      return r.ru_utime + r.ru_stime;
    }),
  );
const cpuOver = async (ms: number) => {
  const u0 = await usage();
  await sleep(ms);
  const u1 = await usage();
  return u1.map((u, i) => ((u - u0[i]!) / ms) * 100);
};

// Idle network first (links up, no rooms): the floor each figure below stands on.
const idle = await cpuOver(seconds * 1000);

const cameras: Array<Awaited<ReturnType<typeof syntheticCamera>>> = [];
for (let i = 0; i < roomCount; i++) {
  await tree.join("hc", { ...inRoom(i), sub: `person-${i}`, as: "person", sees: "staff" }, { recv: false });
  cameras.push(await syntheticCamera(tree.room("hc", roomId(i))!, `person-${i}`));
}
// Rooms live at 荷城, nobody above watching yet: what the home costs on its own.
await sleep(2000);
const unwatched = await cpuOver(seconds * 1000);

for (let i = 0; i < roomCount; i++) {
  await tree.join("moj", { ...inRoom(i), ...OBSERVER, sub: `inspector-${i}` });
}
const atTop = () =>
  cameras.filter((c, i) => {
    const room = tree.room("moj", roomId(i));
    return room && [...room.allPeers()].some((p) => p.producers.has(c.producer.id));
  }).length;
const linkedFrom = performance.now();
let lastSaid = 0;
await until(
  "every room's camera at the ministry",
  () => {
    const n = atTop();
    if (performance.now() - lastSaid > 10_000) (lastSaid = performance.now()), console.log(`  ${n}/${roomCount} rooms' cameras at the ministry`);
    return n === roomCount;
  },
  300_000,
);
console.log(`all ${roomCount} rooms linked to the ministry in ${((performance.now() - linkedFrom) / 1000).toFixed(1)} s`);
const tiles = await Promise.all(cameras.map((c, i) => frameCounter(tree.room("moj", roomId(i))!, c.producer.id)));
await sleep(3000);
const framesBefore = tiles.map((t) => t.completedAt.size);
const lastLink = async () => {
  let bytes = 0;
  for (let i = 0; i < roomCount; i++) {
    const pipe = tree.get("moj").node.network!.links.pipeOf(roomId(i), "gd");
    bytes += (pipe ? await pipe.getStats() : []).reduce((sum, s) => sum + (s.bytesReceived ?? 0), 0);
  }
  return bytes;
};
const bytes0 = await lastLink();
const t0 = performance.now();
const watched = await cpuOver(seconds * 1000);
const elapsed = (performance.now() - t0) / 1000;
const bytes1 = await lastLink();
const fps = tiles.map((t, i) => (t.completedAt.size - framesBefore[i]!) / elapsed);

const row = (label: string, figures: number[]) => `| ${label} | ${figures.map((f) => f.toFixed(2)).join(" | ")} |`;
console.log(`\n## Worker CPU per node, % of one core (${roomCount} rooms at hc, one camera each; ${seconds} s windows)\n`);
console.log(`| state | ${PATH.join(" | ")} |`);
console.log(`|---|${PATH.map(() => "---|").join("")}`);
console.log(row("links up, no rooms", idle));
console.log(row(`${roomCount} rooms live at hc, nobody above`, unwatched));
console.log(row(`${roomCount} rooms, one tile each at moj`, watched));
const sorted = [...fps].sort((a, b) => a - b);
console.log(`\nministry tiles: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} fps, lowest ${sorted[0]!.toFixed(1)} fps (camera 30 fps); gd→moj link ${((bytes1 - bytes0) * 8 / elapsed / 1e6).toFixed(2)} Mbit/s for ${roomCount} streams`);
console.log(`ministry worker: ${(watched[4]! - idle[4]!).toFixed(2)} % of a core above idle for ${roomCount} rooms = ${((watched[4]! - idle[4]!) / roomCount).toFixed(3)} % per watched room`);

for (const t of tiles) t.close();
for (const c of cameras) c.stop();
await tree.close();
process.exit(0);
