// npm run bench:recording [-- --tracks 50 --seconds 30]
// The recorder's cost on one media node, in one run: the same load (half video at 500 kbit/s,
// half Opus audio, sent as real RTP by ffmpeg -c copy) first without recording, then recorded.
// Prints CPU per recorded video and audio track (writer processes measured directly, and the
// worker + node difference against the unrecorded phase), memory per track (writer PSS), and
// per track frames written / frames sent (ffprobe -count_frames on every file).
import "../sfu/worker-bin.ts";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { RecordingFileReport } from "../../server/src/recording/recording-report.ts";
import { startMediaNode } from "../../server/test/support/media-node-fixture.ts";
import { countFrames, encodeClip, plainProducer, sendClip, type PlainProducer } from "../../server/test/support/rtp-source.ts";
import { TestClient } from "../../server/test/support/test-client.ts";
import { cpuSeconds, pssBytes, rssBytes } from "./proc-usage.ts";

const { values } = parseArgs({ options: { tracks: { type: "string", default: "50" }, seconds: { type: "string", default: "30" } } });
const tracks = Number(values.tracks);
const seconds = Number(values.seconds);
const pairs = Math.ceil(tracks / 2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const moderatorGrants = { publish: true, subscribe: true, observe: false, moderate: true };

const clips = mkdtempSync(path.join(os.tmpdir(), "yg-bench-clips-"));
console.log(`[recording] encoding ${seconds} s clips (VP8 640x360 20 fps 500 kbit/s, Opus 32 kbit/s)…`);
const video = encodeClip(clips, "video", seconds, { kbps: 500 });
const audio = encodeClip(clips, "audio", seconds);

const fixture = await startMediaNode({ MEDIA_RTC_MIN_PORT: "43000", MEDIA_RTC_MAX_PORT: "43999" });
const node = fixture.node;
const dir = node.config.recording.dir;
const workerPid = node.pool.list()[0]!.pid;
const clients: TestClient[] = [];

async function phase(room: string, record: boolean) {
  const host = await TestClient.connect(fixture.url, await fixture.token({ sub: "host", room, role: "staff", grants: moderatorGrants }));
  clients.push(host);
  await host.join();
  const live = node.rooms.get(room)!;
  const producers: Array<{ target: PlainProducer; ssrc: number; clip: typeof video }> = [];
  for (let i = 0; i < pairs; i++) {
    const client = await TestClient.connect(fixture.url, await fixture.token({ sub: `p${i}`, room }));
    clients.push(client);
    await client.join();
    const peer = live.findPeer(`p${i}`)!;
    producers.push({ target: await plainProducer(live, peer, "video", "camera", 10_000 + i), ssrc: 10_000 + i, clip: video });
    if (producers.length < tracks) producers.push({ target: await plainProducer(live, peer, "audio", "mic", 20_000 + i), ssrc: 20_000 + i, clip: audio });
  }
  if (record) {
    await host.ok("startRecording", {});
    // Writers start in the background; ffmpeg -c copy cannot answer a keyframe request, so send
    // once every writer listens (a browser answers one within a frame).
    const started = Date.now();
    while ([...node.recordings.of(live).trackRecorders()].filter((t) => t.isWriting).length < producers.length) {
      if (Date.now() - started > 120_000) throw new Error("writers did not all start within 120 s");
      await sleep(100);
    }
    console.log(`[recording] ${producers.length} writers listening ${((Date.now() - started) / 1000).toFixed(1)} s after the start request`);
  }
  const senders = producers.map((p) => sendClip(p.clip, p.target, p.ssrc));
  // Measure the middle of the run: after start-up, before the clips end.
  const settle = Math.min(5, seconds / 5);
  const window = seconds - 2 * settle;
  await sleep(settle * 1000);
  const writers = [...node.recordings.of(live).trackRecorders()].map((t) => ({ pid: t.writerPid! })).filter((w) => w.pid);
  const kinds = new Map<number, string>();
  for (const track of node.recordings.of(live).trackRecorders()) {
    const producer = producers.find((p) => p.target.producer.id === track.producerId)!;
    if (track.writerPid) kinds.set(track.writerPid, producer.target.producer.kind);
  }
  const worker0 = cpuSeconds(workerPid);
  const node0 = process.cpuUsage();
  const writers0 = new Map(writers.map((w) => [w.pid, cpuSeconds(w.pid)]));
  await sleep(window * 1000);
  const workerCpu = (cpuSeconds(workerPid) - worker0) / window;
  const nodeUsage = process.cpuUsage(node0);
  const nodeCpu = (nodeUsage.user + nodeUsage.system) / 1e6 / window;
  const writerCpu = { video: 0, audio: 0 } as Record<string, number>;
  const writerPss = { video: 0, audio: 0 } as Record<string, number>;
  const writerRss = { video: 0, audio: 0 } as Record<string, number>;
  const count = { video: 0, audio: 0 } as Record<string, number>;
  for (const w of writers) {
    const kind = kinds.get(w.pid)!;
    writerCpu[kind]! += (cpuSeconds(w.pid) - writers0.get(w.pid)!) / window;
    writerPss[kind]! += pssBytes(w.pid);
    writerRss[kind]! += rssBytes(w.pid);
    count[kind]!++;
  }
  const workerRss = rssBytes(workerPid);
  await Promise.all(senders.map((s) => s.done));
  await sleep(500);
  if (record) await host.ok("stopRecording", {});
  return { workerCpu, nodeCpu, writerCpu, writerPss, writerRss, count, workerRss, producers, live };
}

try {
  console.log(`[recording] phase 1: ${tracks} tracks (${pairs} video, ${tracks - pairs} audio) for ${seconds} s, not recorded`);
  const base = await phase("bench-plain", false);
  console.log(`[recording] phase 2: the same load, recorded`);
  const rec = await phase("bench-recorded", true);

  const n = { video: rec.count.video!, audio: rec.count.audio! };
  const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
  const delta = rec.workerCpu + rec.nodeCpu - (base.workerCpu + base.nodeCpu);
  console.log(`[recording] worker CPU: ${base.workerCpu.toFixed(3)} core unrecorded → ${rec.workerCpu.toFixed(3)} recorded; node process ${base.nodeCpu.toFixed(3)} → ${rec.nodeCpu.toFixed(3)}`);
  console.log(`[recording] worker + node extra per recorded track: ${(delta / tracks).toFixed(4)} core`);
  for (const kind of ["video", "audio"] as const) {
    if (!n[kind]) continue;
    console.log(
      `[recording] ${kind}: writer ${(rec.writerCpu[kind]! / n[kind]).toFixed(4)} core per track; total with the worker/node share ${(rec.writerCpu[kind]! / n[kind] + delta / tracks).toFixed(4)} core; writer PSS ${mb(rec.writerPss[kind]! / n[kind])} MB (RSS ${mb(rec.writerRss[kind]! / n[kind])} MB) per track`,
    );
  }
  console.log(`[recording] worker RSS ${mb(base.workerRss)} MB unrecorded → ${mb(rec.workerRss)} MB recorded (${mb((rec.workerRss - base.workerRss) / tracks)} MB per track)`);

  const roomDir = path.join(dir, "bench-recorded");
  const reports = readdirSync(roomDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(path.join(roomDir, f), "utf8")) as RecordingFileReport);
  const ratios: Array<{ kind: string; ratio: number; file: string }> = [];
  for (const p of rec.producers) {
    const files = reports.filter((r) => r.producerId === p.target.producer.id);
    const written = files.reduce((sum, r) => sum + countFrames(path.join(dir, r.file)), 0);
    ratios.push({ kind: p.target.producer.kind, ratio: written / p.clip.frames, file: files.map((f) => f.file).join(",") });
  }
  for (const kind of ["video", "audio"]) {
    const r = ratios.filter((x) => x.kind === kind).map((x) => x.ratio);
    if (r.length) console.log(`[recording] ${kind} frames written / sent: min ${(Math.min(...r) * 100).toFixed(2)} %, mean ${((r.reduce((a, b) => a + b, 0) / r.length) * 100).toFixed(2)} % over ${r.length} tracks`);
  }
  const below = ratios.filter((x) => x.ratio < 0.995);
  console.log(below.length ? `[recording] ${below.length} track(s) below 99.5 %: ${below.map((b) => `${b.file} ${(b.ratio * 100).toFixed(2)} %`).join("; ")}` : "[recording] every track ≥ 99.5 %");
  console.log(`[recording] machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  if (below.length) process.exitCode = 1;
} finally {
  for (const client of clients) client.close();
  await fixture.stop();
  rmSync(clips, { recursive: true, force: true });
}
