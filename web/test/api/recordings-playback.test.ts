import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { toActor } from "@/lib/auth/actor";
import { config } from "@/lib/config";
import type { Database } from "@/lib/db/open-database";
import { NotFoundError } from "@/lib/errors";
import { scheduleRecordingRetention } from "@/lib/recordings/retention-schedule";
import { viewRoomRecordings } from "@/lib/recordings/view-room-recordings";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { recordingClosedEvent } from "../support/recording-closed-event.ts";

const internal = () => ({ authorization: `Bearer ${config().internalSecret}` });
const CONTENT = "0123456789abcdefghij"; // 20 bytes

describe("playing recordings: byte ranges, the audited page, the retention schedule", () => {
  let db: Database;
  let roomId: string;
  let dir: string;
  let previousDir: string | undefined;
  let recordingId: string;

  const actor = async (username: string) => toActor(await db.prisma.user.findUniqueOrThrow({ where: { username }, include: { unit: true } }));
  const report = (room: string, file: string, content: string, at: string) =>
    recordingClosedEvent(room, file, content, { at, firstPacketAt: at, durationMs: 5_000 });

  beforeAll(async () => {
    db = await useSeededDatabase();
    const officer = await ApiClient.signIn("gm.officer");
    roomId = (await officer.call("createRoom", { body: { title: "回放测试" } })).body.id;
    dir = mkdtempSync(path.join(os.tmpdir(), "yg-playback-"));
    previousDir = process.env.RECORDINGS_DIR;
    process.env.RECORDINGS_DIR = dir;
    mkdirSync(path.join(dir, roomId));
    const file = `${roomId}/20261202T000000Z_person_1_camera_abcd_1.webm`;
    writeFileSync(path.join(dir, file), CONTENT);
    const stored = await new ApiClient().call("mediaEvents", { headers: internal(), body: { events: [report(roomId, file, CONTENT, new Date().toISOString())] } });
    expect(stored.status).toBe(200);
    recordingId = (await db.prisma.recording.findUniqueOrThrow({ where: { file } })).id;
  });
  afterAll(async () => {
    vi.useRealTimers();
    if (previousDir === undefined) delete process.env.RECORDINGS_DIR;
    else process.env.RECORDINGS_DIR = previousDir;
    await closeDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves the byte ranges a media element asks for, each audited with its bytes", async () => {
    const officer = await ApiClient.signIn("gm.officer");
    const before = await db.prisma.auditEvent.count({ where: { action: "recording.stream" } });
    const part = await officer.call("downloadRecording", { params: { id: recordingId }, headers: { range: "bytes=5-9" } });
    expect(part.status).toBe(206);
    expect(part.body).toBe("56789");
    expect(part.headers.get("content-range")).toBe("bytes 5-9/20");
    expect(part.headers.get("content-length")).toBe("5");
    expect(part.headers.get("accept-ranges")).toBe("bytes");
    // The hash is the whole original's, whatever part was sent.
    expect(part.headers.get("x-content-sha256")).toBe(createHash("sha256").update(CONTENT).digest("hex"));
    const open = await officer.call("downloadRecording", { params: { id: recordingId }, headers: { range: "bytes=0-" } });
    expect(open.status).toBe(206);
    expect(open.body).toBe(CONTENT);
    const tail = await officer.call("downloadRecording", { params: { id: recordingId }, headers: { range: "bytes=-3" } });
    expect(tail.body).toBe("hij");
    const past = await officer.call("downloadRecording", { params: { id: recordingId }, headers: { range: "bytes=20-" } });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe("bytes */20");
    const streamed = await db.prisma.auditEvent.findMany({ where: { action: "recording.stream" }, orderBy: { seq: "asc" } });
    expect(streamed).toHaveLength(before + 3);
    expect(streamed.map((e) => (e.data as { bytes: string }).bytes).slice(-3)).toEqual(["5-9", "0-19", "17-19"]);
  });

  it("never sends an inspector or an outsider a byte, range or not", async () => {
    const inspector = await ApiClient.signIn("gm.inspector");
    expect((await inspector.call("downloadRecording", { params: { id: recordingId }, headers: { range: "bytes=0-" } })).status).toBe(403);
    const outsider = await ApiClient.signIn("nh.officer");
    expect((await outsider.call("downloadRecording", { params: { id: recordingId }, headers: { range: "bytes=0-1" } })).status).toBe(404);
  });

  it("audits opening the playback page; the inspector gets the records and no player; outside the subtree it does not exist", async () => {
    const before = await db.prisma.auditEvent.count({ where: { action: "recording.view", targetId: roomId } });
    const officerView = await viewRoomRecordings(await actor("gm.officer"), roomId);
    expect(officerView.mayPlay).toBe(true);
    expect(officerView.items.map((item) => item.id)).toEqual([recordingId]);
    const inspectorView = await viewRoomRecordings(await actor("gm.inspector"), roomId);
    expect(inspectorView.mayPlay).toBe(false);
    expect(inspectorView.items[0]).toMatchObject({ id: recordingId, sha256: expect.any(String) });
    await expect(viewRoomRecordings(await actor("nh.officer"), roomId)).rejects.toBeInstanceOf(NotFoundError);
    const views = await db.prisma.auditEvent.findMany({ where: { action: "recording.view", targetId: roomId } });
    expect(views).toHaveLength(before + 2);
  });

  it("runs the retention job by itself, some minutes after the portal starts and then every day", async () => {
    const officer = await ApiClient.signIn("gm.officer");
    const room = (await officer.call("createRoom", { body: { title: "过期" } })).body.id;
    mkdirSync(path.join(dir, room));
    const file = `${room}/20260101T000000Z_x_camera_abcd_old.webm`;
    writeFileSync(path.join(dir, file), "old");
    const longAgo = new Date(Date.now() - 91 * 86_400_000).toISOString();
    expect((await new ApiClient().call("mediaEvents", { headers: internal(), body: { events: [report(room, file, "old", longAgo)] } })).status).toBe(200);

    expect(scheduleRecordingRetention({ RECORDING_RETENTION_INTERVAL_HOURS: "0" })).toBeNull();
    expect(() => scheduleRecordingRetention({ RECORDING_RETENTION_INTERVAL_HOURS: "-1" })).toThrow();
    vi.useFakeTimers({ toFake: ["setTimeout", "setInterval", "clearTimeout", "clearInterval"] });
    const lines: string[] = [];
    const stop = scheduleRecordingRetention({ RECORDINGS_DIR: dir }, (line) => lines.push(line))!;
    try {
      await vi.advanceTimersByTimeAsync(60_000);
      expect(existsSync(path.join(dir, file))).toBe(true);
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      await vi.waitFor(() => expect(existsSync(path.join(dir, file))).toBe(false), { timeout: 10_000 });
      // The file goes before the run returns and logs: wait for the line too (it raced at load 30).
      await vi.waitFor(() => expect(lines).toEqual(["[recordings] retention deleted 1 file(s) and 0 export(s)"]), { timeout: 10_000 });
      expect(await db.prisma.auditEvent.count({ where: { action: "recording.deleted", data: { path: ["file"], equals: file } } })).toBe(1);
    } finally {
      stop();
      vi.useRealTimers();
    }
  });
});
