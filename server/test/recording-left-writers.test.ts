import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { mediasoupWorkerCachePath } from "../../scripts/bootstrap/mediasoup-worker.mjs";
import { signJoinToken } from "../../web/lib/media/sign-join-token.ts";
import type { RecordingFileReport } from "../src/recording/recording-report.ts";
import { waitForUdpPort } from "../src/recording/udp-listening.ts";
import { writerCommand } from "../src/recording/writer-command.ts";
import { processState, writersDir, type WriterPidFile } from "../src/recording/writer-pid-files.ts";
import { startMediaNode } from "./support/media-node-fixture.ts";
import { TestClient } from "./support/test-client.ts";

// Issue 10: a media node killed with SIGKILL left its recording writers (gst-launch-1.0) running —
// one per CI run, holding a port and a file. Now each writer gets SIGINT when its node dies (the
// kernel's parent-death signal, set by setpriv) and ends its file; and a node that starts stops any
// writer an earlier node of its RECORDINGS_DIR left (pid files checked against /proc, so a reused
// pid or another live node's writer is never touched). Real node process, real GStreamer.

const ROOT = path.resolve(import.meta.dirname, "../..");
const staff = { role: "staff" as const, kind: "visit" as const, as: "staff" as const, grants: { publish: true, subscribe: true, observe: false, moderate: true } };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Running, not a zombie waiting to be reaped. */
async function running(pid: number): Promise<boolean> {
  const state = await processState(pid);
  return state !== null && state.state !== "Z";
}

const pidFiles = (dir: string) =>
  readdirSync(writersDir(dir))
    .filter((name) => name.endsWith(".json"))
    .map((name) => JSON.parse(readFileSync(path.join(writersDir(dir), name), "utf8")) as WriterPidFile);

describe("recording writers never outlive their node", () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("a node killed with SIGKILL while a visit records takes its writers with it; the next node reports the file it left open", async () => {
    const dir = tempDir("yg-left-writers-");
    const { publicKey, privateKey } = generateKeyPairSync("ed25519", { publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
    const port = await freePort();
    const startNode = async () => {
      // The node as `npm start` runs it: its own process (server/src/main.ts).
      const env: NodeJS.ProcessEnv = {
        NODE_ENV: "production",
        PATH: process.env.PATH ?? "",
        MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN ?? mediasoupWorkerCachePath("3.12.16"),
        MEDIA_NODE_ID: "left-writers",
        MEDIA_PORT: String(port),
        MEDIA_HTTP_HOST: "127.0.0.1",
        MEDIA_LISTEN_IP: "127.0.0.1",
        MEDIA_WORKERS: "1",
        MEDIA_RTC_MIN_PORT: "43400",
        MEDIA_RTC_MAX_PORT: "43499",
        JOIN_TOKEN_PUBLIC_KEY: publicKey,
        RECORDINGS_DIR: dir,
        RECORDING_MIN_FREE_MB: "1",
        LOG_LEVEL: "warn",
        // Nothing answers there: reports wait in the outbox.
        PORTAL_URL: "http://127.0.0.1:9",
        PORTAL_INTERNAL_SECRET: "portal-internal-secret-0123456789abcdef",
      };
      const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server", "src", "main.ts")], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
      children.push(child);
      let stderr = "";
      child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      await expect
        .poll(async () => (child.exitCode === null ? (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.status : `exited: ${stderr}`), { timeout: 60_000, interval: 200 })
        .toBe(200);
      return child;
    };

    const first = await startNode();
    const token = await signJoinToken(privateKey, { sub: "staff", name: "民警", room: "visit-killed", ...staff });
    const client = await TestClient.connect(`http://127.0.0.1:${port}`, token);
    await client.join();
    // The visit is recorded from the first join: four writers wait for its tracks.
    await expect.poll(() => pidFiles(dir).length, { timeout: 30_000, interval: 100 }).toBe(4);
    // A camera: its file is open (a waiting writer took it, and another is prepared).
    await client.openTransports({ recv: false });
    await client.produce("video");
    const roomDir = path.join(dir, "visit-killed");
    const notes = () => readdirSync(roomDir).filter((name) => name.endsWith(".open"));
    await expect.poll(notes, { timeout: 30_000, interval: 100 }).toHaveLength(1);
    const file = notes()[0]!.slice(0, -".open".length);
    await expect.poll(() => pidFiles(dir).length, { timeout: 30_000, interval: 100 }).toBe(5);
    const writers = pidFiles(dir);
    for (const writer of writers) {
      expect(await running(writer.pid)).toBe(true);
      expect(writer.owner.pid).toBe(first.pid);
    }
    client.close();

    const exited = new Promise((resolve) => first.once("exit", resolve));
    first.kill("SIGKILL");
    await exited;
    // Each writer is told (SIGINT, the parent-death signal) and ends by itself.
    await expect.poll(async () => (await Promise.all(writers.map((w) => running(w.pid)))).filter(Boolean).length, { timeout: 10_000, interval: 100 }).toBe(0);

    // The next node forgets the dead writers' pid files when it starts, removes the files of the
    // writers that were never taken, and reports the file the dead node left open.
    const second = await startNode();
    expect(pidFiles(dir).filter((p) => writers.some((w) => w.pid === p.pid))).toEqual([]);
    expect(readdirSync(roomDir).filter((name) => name.startsWith(".warm-"))).toEqual([]);
    expect(notes()).toEqual([]);
    const report = JSON.parse(readFileSync(path.join(roomDir, `${file}.json`), "utf8")) as RecordingFileReport;
    expect(report).toMatchObject({ room: "visit-killed", kind: "video", source: "camera", sequence: 1, endReason: "node_died", file: `visit-killed/${file}` });
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
    const outbox = readdirSync(path.join(dir, ".outbox"))
      .filter((name) => name.endsWith(".json"))
      .map((name) => JSON.parse(readFileSync(path.join(dir, ".outbox", name), "utf8")) as { type: string; file?: string; endReason?: string });
    expect(outbox.filter((e) => e.type === "recording.closed")).toEqual([expect.objectContaining({ file: `visit-killed/${file}`, endReason: "node_died" })]);
    const stopped = new Promise((resolve) => second.once("exit", resolve));
    second.kill("SIGTERM");
    await stopped;
  }, 120_000);

  it("the next node stops a writer an earlier node left running, and nothing that only looks like one", async () => {
    const dir = tempDir("yg-left-writers-");
    mkdirSync(writersDir(dir), { recursive: true });
    const host = os.hostname();
    const write = (entry: WriterPidFile) => writeFileSync(path.join(writersDir(dir), `${entry.pid}.json`), JSON.stringify(entry));
    const ticks = async (pid: number) => (await processState(pid))!.startTicks;
    // A node that is gone: this test's own short-lived child, exited before the others start.
    const gone = spawn("true");
    await new Promise((resolve) => gone.once("exit", resolve));
    const deadOwner = { pid: gone.pid!, startTicks: "1", host };

    // 1. A writer left running (spawned without the parent-death signal, as by a node on a system
    //    without setpriv, or one killed before the writer set it).
    const file = path.join(dir, "room", "left.webm");
    mkdirSync(path.dirname(file), { recursive: true });
    const udp = await freePort();
    const { command, args } = writerCommand({ mimeType: "video/VP8", payloadType: 96, clockRate: 90000 }, udp, file);
    const left = spawn(command, args, { stdio: "ignore" });
    children.push(left);
    const leftExit = new Promise<{ code: number | null; signal: string | null }>((resolve) => left.once("exit", (code, signal) => resolve({ code, signal })));
    await expect.poll(async () => (await processState(left.pid!)) !== null, { timeout: 5000 }).toBe(true);
    // Listening, as a node's writer is before it records: only then does gst-launch end its file
    // on SIGINT (a CI run stopped it earlier, and it died of the signal instead).
    expect(await waitForUdpPort(udp, 10_000, () => left.exitCode === null && left.signalCode === null)).toBe(true);
    write({ pid: left.pid!, startTicks: await ticks(left.pid!), location: file, owner: deadOwner });

    // 2. A pid file whose pid now belongs to something else (reused): never killed.
    const reused = spawn("sleep", ["60"], { stdio: "ignore" });
    children.push(reused);
    await expect.poll(async () => (await processState(reused.pid!)) !== null, { timeout: 5000 }).toBe(true);
    write({ pid: reused.pid!, startTicks: await ticks(reused.pid!), location: path.join(dir, "room", "other.webm"), owner: deadOwner });

    // 3. A writer of another node that still runs on this folder (here: `reused` plays that node).
    const udp2 = await freePort();
    const file2 = path.join(dir, "room", "alive.webm");
    const other = writerCommand({ mimeType: "audio/opus", payloadType: 100, clockRate: 48000, channels: 2 }, udp2, file2);
    const theirs = spawn(other.command, other.args, { stdio: "ignore" });
    children.push(theirs);
    await expect.poll(async () => (await processState(theirs.pid!)) !== null, { timeout: 5000 }).toBe(true);
    write({ pid: theirs.pid!, startTicks: await ticks(theirs.pid!), location: file2, owner: { pid: reused.pid!, startTicks: await ticks(reused.pid!), host } });

    const node = await startMediaNode({ RECORDINGS_DIR: dir, MEDIA_RTC_MIN_PORT: "43500", MEDIA_RTC_MAX_PORT: "43599" });
    try {
      // Stopped with SIGINT (end-of-stream: the file is finished), not killed.
      expect(await leftExit).toEqual({ code: 0, signal: null });
      expect(await running(reused.pid!)).toBe(true);
      expect(await running(theirs.pid!)).toBe(true);
      // The dead writer's and the reused pid's files are forgotten; the live node's stays.
      expect(pidFiles(dir).map((p) => p.pid)).toEqual([theirs.pid]);
      expect(await node.node.recordings.leftWritersStopped.get()).toMatchObject({ values: [{ value: 1 }] });
    } finally {
      await node.stop();
    }
  }, 60_000);
});
