// Roll call at 50 participants: does the officer's console stay fluid, and do marks persist?
//
//   npx tsx bench/rollcall-scale/run.ts [--participants 50] [--seconds 30] [--marks 10]
//        [--port 3340] [--media-port 4640] [--rtc-min-port 43500] [--rtc-max-port 43999]
//        [--viewport 1920x1080] [--fps 15] [--size 320x180] [--bitrate 180000] [--settle 15]
//        [--profile] [--stats pc|consumers] [--screenshot <path prefix>]
//
// Needs the built portal (`npx next build` in web/) and the mediasoup worker (npm run bootstrap).
// It starts the portal on a fresh temporary database and our media node in a child process
// (bench/sfu/platform-node.ts, wired to the portal with the same keys and secret), then, through
// the real API: an officer registers the persons, schedules and opens a roll call; each synthetic
// person verifies their personal link, joins with socket.io and publishes real VP8 (a clip
// Chromium encodes at the start) over a PlainTransport leg. The officer's page runs in Chromium;
// the bench samples what it decodes, marks persons during the load and reads the marks back.
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Browser } from "@playwright/test";
import { launchE2eChromium } from "../join/e2e-chromium.ts";
import { startStack, type Stack } from "../join/stack.ts";
import { stackPortOptions, stackPorts } from "../join/stack-ports.ts";
import { Loadgen } from "../sfu/loadgen-client.ts";
import type { PlatformNodeHandlers } from "../sfu/platform-node.ts";
import { machineCpu } from "../sfu/probes.ts";
import { ChildRpc } from "../sfu/rpc.ts";
import { ChromiumUsage, PageMetrics, cpuByType, pssMiB, threadCores, threadCpuSeconds } from "./chromium-usage.ts";
import { clipBitrate, encodeClip, writeClip } from "./clip.ts";
import { PageProfiler } from "./page-profile.ts";
import { openConsole, waitForVideoTracks } from "./console-page.ts";
import { markDuringLoad } from "./marks.ts";
import { joinAll, type Publisher } from "./publishers.ts";
import { report, type WindowFigures } from "./report.ts";
import { JUSTICE_OFFICE, OfficerApi } from "./roster.ts";
import { keepPeerConnections, sampleTiles, type StatsSource } from "./tile-sampler.ts";

const { values } = parseArgs({
  options: {
    participants: { type: "string", default: "50" },
    seconds: { type: "string", default: "30" },
    marks: { type: "string", default: "10" },
    settle: { type: "string", default: "15" },
    ...stackPortOptions({ port: "3340", mediaPort: "4640", rtcMinPort: process.env.MEDIA_RTC_MIN_PORT ?? "43500", rtcMaxPort: process.env.MEDIA_RTC_MAX_PORT ?? "43999" }),
    viewport: { type: "string", default: "1920x1080" },
    fps: { type: "string", default: "15" },
    size: { type: "string", default: "320x180" },
    bitrate: { type: "string", default: "180000" },
    profile: { type: "boolean", default: false },
    stats: { type: "string", default: "pc" },
    screenshot: { type: "string" },
  },
});
const PARTICIPANTS = Number(values.participants);
const SECONDS = Number(values.seconds);
const [VIEW_W, VIEW_H] = values.viewport.split("x").map(Number) as [number, number];
const [CLIP_W, CLIP_H] = values.size.split("x").map(Number) as [number, number];
const { portalPort, mediaPort, rtcMinPort, rtcMaxPort } = stackPorts(values);

const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

const machine = { cores: os.cpus().length, model: os.cpus()[0]?.model ?? "?", loadAtStart: loadAverage() };
log(`machine: ${machine.cores} cores, ${machine.model}, load average ${machine.loadAtStart}`);

let stack: Stack | undefined;
let node: ChildRpc<PlatformNodeHandlers> | undefined;
let loadgen: Loadgen | undefined;
let browser: Browser | undefined;
let publishers: Publisher[] = [];
const clipFile = path.join(os.tmpdir(), `ygav-rollcall-clip-${process.pid}.json`);
try {
  const mediaUrl = `http://127.0.0.1:${mediaPort}`;
  stack = await startStack({ portalPort, mediaPort, rtcMinPort, rtcMaxPort, mediaNode: false, extraEnv: { MEDIA_PUBLIC_URL: mediaUrl } });
  node = new ChildRpc<PlatformNodeHandlers>(new URL("../sfu/platform-node.ts", import.meta.url), "media node");
  await node.call("start", {
    publicKey: stack.env.JOIN_TOKEN_PUBLIC_KEY!,
    rtcMinPort,
    rtcMaxPort,
    nice: 0,
    port: mediaPort,
    portal: { url: stack.portalUrl, secret: stack.env.PORTAL_INTERNAL_SECRET! },
    emptyGraceSeconds: 30,
  });
  log(`portal ${stack.portalUrl}, media node ${mediaUrl} (one worker, in a child process)`);

  browser = await launchE2eChromium();
  const clip = await encodeClip(browser, `${stack.portalUrl}/login`, { width: CLIP_W, height: CLIP_H, fps: Number(values.fps), bitrate: Number(values.bitrate), seconds: 10 });
  writeClip(clip, clipFile);
  log(`clip: VP8 ${clip.width}x${clip.height} ${clip.fps} fps, ${clip.frames.length} frames (${clip.frames.filter((f) => f.key).length} keyframe), ${Math.round(clipBitrate(clip) / 1000)} kbit/s payload (encoded by Chromium's WebCodecs)`);

  const context = await browser.newContext({ baseURL: stack.portalUrl, locale: "zh-CN", viewport: { width: VIEW_W, height: VIEW_H } });
  await keepPeerConnections(context);
  const officer = await OfficerApi.signIn(context);
  const unitId = await officer.unitId(JUSTICE_OFFICE);
  const persons = await officer.createPersons(unitId, PARTICIPANTS);
  const { rollCallId, roomId, roster } = await officer.scheduleAndOpen(unitId, persons);
  log(`${persons.length} persons registered at ${JUSTICE_OFFICE}; roll call ${rollCallId} open (room ${roomId})`);

  loadgen = await Loadgen.start(0, 0);
  const joinStart = performance.now();
  publishers = await joinAll(stack.portalUrl, node, roster);
  await loadgen.addGroup("rollcall", publishers.map((p) => p.target), clipFile);
  await loadgen.activate("rollcall");
  log(`${publishers.length} persons joined by their links and publish (${((performance.now() - joinStart) / 1000).toFixed(1)} s)`);

  // The node reports each join to the portal, which records the join time on the roster (a
  // join within the grace period leaves the status to the officer's mark; after it, 迟到).
  let joined = 0;
  let statuses = "";
  for (let i = 0; i < 60; i++) {
    const entries = (await officer.rollCall(rollCallId)).entries;
    joined = entries.filter((e) => e.joinedAt).length;
    const byStatus = new Map<string, number>();
    for (const e of entries) byStatus.set(e.status, (byStatus.get(e.status) ?? 0) + 1);
    statuses = [...byStatus].map(([status, n]) => `${status} ${n}`).join(", ");
    if (joined === PARTICIPANTS) break;
    await sleep(500);
  }
  log(`roster: ${joined} of ${PARTICIPANTS} have a join time reported by the media node (statuses: ${statuses})`);

  const page = await context.newPage();
  const kind = await openConsole(page, { rollCallId, roomId });
  await waitForVideoTracks(page, Math.ceil(PARTICIPANTS * 0.9));
  log(`officer's page (${kind}) has joined; letting ${values.settle} s settle (keyframes, bandwidth estimation)`);
  await sleep(Number(values.settle) * 1000);
  const onlineInConsole = kind === "console" ? await page.locator('[data-testid="roster-entry"][data-online]').count() : null;
  if (onlineInConsole !== null) log(`console roster: ${onlineInConsole} of ${PARTICIPANTS} shown in the room`);

  const chromiumUsage = await ChromiumUsage.attach(browser);
  const pageMetrics = await PageMetrics.attach(page);
  const loadgenRef = loadgen;
  const nodeRef = node;

  /** One measured window: CPU of everything at both ends, the tiles sampled in between. */
  const measure = async (label: string, during?: () => Promise<void>): Promise<WindowFigures> => {
    const read = async () => ({
      at: performance.now(),
      node: await nodeRef.call("cpu"),
      chromium: await chromiumUsage.processes(),
      threads: threadCpuSeconds((await chromiumUsage.processes()).filter((p) => p.type === "renderer" || p.type === "GPU").map((p) => p.pid)),
      page: await pageMetrics.read(),
      machine: machineCpu(),
    });
    const before = await read();
    await loadgenRef.mark([]);
    const profiler = values.profile ? await PageProfiler.start(page) : null;
    // The node's count of the console's paused consumers, every 2 s through the window.
    const paused: number[] = [];
    let sampling = true;
    const pausedPoll = (async () => {
      while (sampling) {
        const peer = (await nodeRef.call("roomPeers", { room: roomId })).peers.find((p) => p.id.startsWith("user:"));
        paused.push(peer?.pausedConsumers ?? 0);
        await sleep(2000);
      }
    })();
    const sample = await sampleTiles(page, SECONDS, { during, source: values.stats as StatsSource });
    sampling = false;
    await pausedPoll;
    if (values.screenshot) await page.screenshot({ path: `${values.screenshot}-${label.split(" ")[0]}.png` });
    const profile = await profiler?.stop();
    const after = await read();
    const generator = await loadgenRef.count();
    const seconds = (after.at - before.at) / 1000;
    const officerPeer = (await nodeRef.call("roomPeers", { room: roomId })).peers.find((p) => p.id.startsWith("user:"));
    const jiffies = after.machine.total - before.machine.total || 1;
    return {
      label,
      ...(profile ? { profile } : {}),
      loadAverage: loadAverage(),
      machineBusyCores: ((after.machine.busy - before.machine.busy) / jiffies) * after.machine.cores,
      sample,
      node: {
        workerCores: (after.node.workerMs - before.node.workerMs) / 1000 / seconds,
        nodeCores: (after.node.nodeMs - before.node.nodeMs) / 1000 / seconds,
        consumers: officerPeer?.consumers ?? 0,
        pausedConsumers: officerPeer?.pausedConsumers ?? 0,
        pausedDuring: { min: Math.min(...paused), max: Math.max(...paused) },
        consumedProducers: officerPeer?.consumedProducers ?? 0,
        transports: officerPeer?.transports ?? 0,
      },
      loadgenCores: generator.cpuMs / 1000 / seconds,
      chromium: {
        cpuByType: cpuByType(before.chromium, after.chromium, seconds),
        mainThreadCores: (after.page.taskSeconds - before.page.taskSeconds) / seconds,
        threads: threadCores(before.threads, after.threads, seconds),
        jsHeapUsedMiB: after.page.jsHeapUsedMiB,
        jsHeapTotalMiB: after.page.jsHeapTotalMiB,
        domNodes: after.page.nodes,
        rendererPssMiB: after.chromium.filter((p) => p.type === "renderer").map((p) => pssMiB(p.pid)),
        totalPssMiB: after.chromium.reduce((n, p) => n + pssMiB(p.pid), 0),
      },
    };
  };

  const windows: WindowFigures[] = [];
  windows.push(await measure("grid only (nobody called)"));
  log(`window 1 done: ${windows[0]!.sample.receiving} tiles receiving (framesDecoded from ${values.stats === "pc" ? "one getStats per peer connection" : "__ygavCall.inboundVideoStats()"})`);
  const marks = markDuringLoad(page, officer, rollCallId, roster, Number(values.marks), kind, SECONDS);
  windows.push(await measure(`marking ${values.marks} (each called, then marked)`, marks.run));
  const persisted = await marks.verify();

  report({
    machine,
    kind,
    viewport: values.viewport,
    participants: PARTICIPANTS,
    joinedOnRoster: joined,
    onlineInConsole,
    clip: { width: clip.width, height: clip.height, fps: clip.fps, kbps: clipBitrate(clip) / 1000 },
    windows,
    marks: persisted,
  });
} finally {
  for (const p of publishers) p.client.close();
  loadgen?.stop();
  await browser?.close().catch(() => {});
  if (node) {
    await node.call("close").catch(() => {});
    node.stop();
  }
  await stack?.stop();
  rmSync(clipFile, { force: true });
}
