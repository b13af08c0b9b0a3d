import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import type { Database } from "@/lib/db/open-database";
import { claimExportJob } from "@/lib/recordings/export/claim-export";
import { runExportJobs } from "@/lib/recordings/export/export-worker";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { ENGINES, expectIntactChain, times } from "../support/concurrency.ts";

const run = promisify(execFile);

// "Export as one MP4" with Debian's ffmpeg on small real recordings (VP8/Opus WebM, as the node
// writes them): 20 clicks at once are one job, runners on two portals never run two jobs at once,
// the MP4 holds both people side by side and their sound for the session's length, its progress
// comes from ffmpeg, and its hash is in the audit chain. Same scope rules as the original files.

interface Clip {
  name: string;
  kind: "video" | "audio";
  identity: string;
  offsetMs: number;
  seconds: number;
}

const CLIPS: Clip[] = [
  { name: "a_camera", kind: "video", identity: "person:a", offsetMs: 0, seconds: 6 },
  { name: "a_mic", kind: "audio", identity: "person:a", offsetMs: 0, seconds: 6 },
  { name: "b_camera", kind: "video", identity: "visitor:b", offsetMs: 1000, seconds: 5 },
  { name: "b_mic", kind: "audio", identity: "visitor:b", offsetMs: 1000, seconds: 5 },
];
let clipsDir: string;

beforeAll(async () => {
  clipsDir = mkdtempSync(path.join(os.tmpdir(), "yg-export-clips-"));
  await Promise.all(
    CLIPS.map((clip) =>
      run("ffmpeg", [
        "-hide_banner", "-loglevel", "error", "-f", "lavfi",
        "-i", clip.kind === "video" ? `testsrc=size=320x240:rate=20:duration=${clip.seconds}` : `sine=frequency=440:sample_rate=48000:duration=${clip.seconds}`,
        ...(clip.kind === "video" ? ["-c:v", "libvpx", "-b:v", "200k", "-deadline", "realtime", "-cpu-used", "8"] : ["-c:a", "libopus", "-b:a", "32k"]),
        path.join(clipsDir, `${clip.name}.webm`),
      ]),
    ),
  );
}, 60_000);

afterAll(() => rmSync(clipsDir, { recursive: true, force: true }));

describe.each(ENGINES)("export as one MP4 (%s)", (engine) => {
  let db: Database;
  let dir: string;
  let previousDir: string | undefined;
  let officer: ApiClient;
  let roomId: string;
  const sessionStart = Date.now() - 120_000;

  /** The node's report of each clip, as if it had just closed its file in `roomId`. */
  async function recordClips(room: string) {
    mkdirSync(path.join(dir, room), { recursive: true });
    const events = CLIPS.map((clip, i) => {
      const file = `${room}/20261204T000000Z_${clip.name}_${i}.webm`;
      const bytes = readFileSync(path.join(clipsDir, `${clip.name}.webm`));
      writeFileSync(path.join(dir, file), bytes);
      return {
        type: "recording.closed",
        room,
        at: new Date().toISOString(),
        node: "n1",
        identity: clip.identity,
        name: clip.identity.startsWith("person") ? "张三" : "李四",
        source: clip.kind === "video" ? "camera" : "mic",
        kind: clip.kind,
        file,
        codec: clip.kind === "video" ? "video/VP8" : "audio/opus",
        sequence: 1,
        sizeBytes: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        firstPacketAt: new Date(sessionStart + clip.offsetMs).toISOString(),
        durationMs: clip.seconds * 1000,
        endReason: "room_closed",
        gap: null,
        sync: [],
      };
    });
    const stored = await new ApiClient().call("mediaEvents", { headers: { authorization: `Bearer ${config().internalSecret}` }, body: { events } });
    expect(stored.status).toBe(200);
  }

  beforeAll(async () => {
    db = await useSeededDatabase(engine);
    dir = mkdtempSync(path.join(os.tmpdir(), "yg-export-"));
    previousDir = process.env.RECORDINGS_DIR;
    process.env.RECORDINGS_DIR = dir;
    officer = await ApiClient.signIn("gm.officer");
    roomId = (await officer.call("createRoom", { body: { title: "导出测试" } })).body.id;
    await recordClips(roomId);
  });

  afterAll(async () => {
    if (previousDir === undefined) delete process.env.RECORDINGS_DIR;
    else process.env.RECORDINGS_DIR = previousDir;
    await closeDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  it("makes one job of 20 requests sent at once, audited once", async () => {
    const answers = await times(20, () => officer.call("requestRecordingExport", { params: { id: roomId } }));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers[0]!.body).toMatchObject({ roomId, state: "queued", progress: 0, files: 4, sha256: null });
    expect(await db.prisma.recordingExport.count({ where: { roomId } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: "recording.export_requested", targetId: roomId } })).toBe(1);
  });

  it("composes the tracks into one MP4 with ffmpeg, with progress, and puts its hash in the audit chain", async () => {
    const progress: number[] = [];
    expect(await runExportJobs(dir, (_, percent) => progress.push(percent))).toBe(1);
    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const { body } = await officer.call("getRecordingExport", { params: { id: roomId } });
    expect(body.export).toMatchObject({ state: "done", progress: 100, files: 4, error: null });
    const row = await db.prisma.recordingExport.findUniqueOrThrow({ where: { id: body.export.id } });
    const full = path.join(dir, row.file!);
    expect(statSync(full).size).toBe(body.export.sizeBytes);
    expect(createHash("sha256").update(readFileSync(full)).digest("hex")).toBe(body.export.sha256);

    // Both people side by side, both voices, as long as the session (6 s: b joined 1 s in and left with a).
    const { stdout } = await run("ffprobe", ["-v", "error", "-count_frames", "-show_entries", "format=duration:stream=codec_name,width,height,nb_read_frames", "-of", "json", full]);
    const probed = JSON.parse(stdout) as { format: { duration: string }; streams: Array<{ codec_name: string; width?: number; height?: number; nb_read_frames: string }> };
    expect(probed.streams.map((s) => s.codec_name).sort()).toEqual(["aac", "h264"]);
    const video = probed.streams.find((s) => s.codec_name === "h264")!;
    expect(video).toMatchObject({ width: 1280, height: 360 });
    expect(Number(video.nb_read_frames)).toBeGreaterThanOrEqual(6 * 20 - 2);
    expect(Math.abs(Number(probed.format.duration) - 6)).toBeLessThan(0.3);

    const audit = await db.prisma.auditEvent.findMany({ where: { action: "recording.exported", targetId: roomId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ exportId: body.export.id, sha256: body.export.sha256, files: 4 });
    await expectIntactChain(db);

    // Asked again for the same files: the finished export is handed back, not made twice.
    const again = await officer.call("requestRecordingExport", { params: { id: roomId } });
    expect(again.body).toMatchObject({ id: body.export.id, state: "done" });
  }, 120_000);

  it("serves the MP4 with its hash to officers in scope (audited), 403 to an inspector, 404 to a sibling or a unit below", async () => {
    const { body } = await officer.call("getRecordingExport", { params: { id: roomId } });
    const download = await officer.call("downloadRecordingExport", { params: { id: body.export.id } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("video/mp4");
    expect(download.headers.get("x-content-sha256")).toBe(body.export.sha256);
    expect(await db.prisma.auditEvent.count({ where: { action: "recording.export_download", targetId: roomId } })).toBe(1);

    const inspector = await ApiClient.signIn("gm.inspector");
    expect((await inspector.call("getRecordingExport", { params: { id: roomId } })).status).toBe(200);
    expect((await inspector.call("downloadRecordingExport", { params: { id: body.export.id } })).status).toBe(403);
    expect((await inspector.call("requestRecordingExport", { params: { id: roomId } })).status).toBe(403);
    // A sibling district and a unit below the room's: neither sees it exists.
    for (const username of ["nh.officer", "hc.officer"]) {
      const outsider = await ApiClient.signIn(username);
      for (const call of [
        outsider.call("downloadRecordingExport", { params: { id: body.export.id } }),
        outsider.call("requestRecordingExport", { params: { id: roomId } }),
        outsider.call("getRecordingExport", { params: { id: roomId } }),
      ]) {
        expect((await call).status).toBe(404);
      }
    }
    expect(await db.prisma.recordingExport.count({ where: { roomId } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: "recording.export_download", targetId: roomId } })).toBe(1);
  });

  it("runs one job at a time whatever the number of runners, and queues a dead runner's job again", async () => {
    const rooms = await Promise.all([0, 1].map(async (i) => (await officer.call("createRoom", { body: { title: `导出排队 ${i}` } })).body.id as string));
    for (const room of rooms) await recordClips(room);
    const queued = await Promise.all(rooms.map(async (room) => (await officer.call("requestRecordingExport", { params: { id: room } })).body.id as string));
    expect(new Set(queued).size).toBe(2);

    // Ten portals' runners look at once: one of them gets a job, the other nine nothing.
    const claims = await times(10, (i) => claimExportJob(db.prisma, `portal-${i}`));
    const won = claims.filter((claim) => claim !== null);
    expect(won).toHaveLength(1);
    expect(await db.prisma.recordingExport.count({ where: { state: "running" } })).toBe(1);
    expect(await claimExportJob(db.prisma, "late-portal")).toBeNull();

    // Its runner goes silent (the portal died): a minute later another runner takes the job over.
    await db.prisma.recordingExport.update({ where: { id: won[0]!.id }, data: { heartbeatAt: new Date(Date.now() - 120_000) } });
    const takeover = await claimExportJob(db.prisma, "portal-b");
    expect(takeover).toMatchObject({ id: won[0]!.id, runner: "portal-b", attempts: 2 });
    await db.prisma.recordingExport.updateMany({ where: { id: { in: queued } }, data: { state: "failed", error: "test" } });
  });

  it("refuses a room with nothing recorded, with a clear conflict", async () => {
    const empty = (await officer.call("createRoom", { body: { title: "无录像" } })).body.id;
    const refused = await officer.call("requestRecordingExport", { params: { id: empty } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.fields).toEqual({ recording: "none" });
    expect(await db.prisma.recordingExport.count({ where: { roomId: empty } })).toBe(0);
  });
});
