import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import type { Database } from "@/lib/db/open-database";
import { verifyRecordings } from "@/lib/recordings/verify-recordings";
import { deleteExpiredRecordings } from "@/lib/recordings/delete-expired-recordings";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { recordingClosedEvent } from "../support/recording-closed-event.ts";

const internal = () => ({ authorization: `Bearer ${config().internalSecret}` });

describe("recording reports from the media node, and recordings:verify", () => {
  let db: Database;
  let roomId: string;
  let dir: string;
  let previousDir: string | undefined;
  const files: Record<string, string> = {};

  const closed = (file: string, content: string, extra: Record<string, unknown> = {}) =>
    recordingClosedEvent(roomId, file, content, { sync: [{ ntpMs: 1_000_000.5, rtpTimestamp: 90_000, receivedAt: Date.now() - 30_000 }], ...extra });

  beforeAll(async () => {
    db = await useSeededDatabase();
    const officer = await ApiClient.signIn("gm.officer");
    roomId = (await officer.call("createRoom", { body: { title: "录像测试" } })).body.id;
    dir = mkdtempSync(path.join(os.tmpdir(), "yg-archive-"));
    previousDir = process.env.RECORDINGS_DIR;
    process.env.RECORDINGS_DIR = dir;
    mkdirSync(path.join(dir, roomId));
    for (const name of ["a", "b", "c"]) {
      files[name] = `${roomId}/20261202T000000Z_person_1_camera_abcd_${name}.webm`;
      writeFileSync(path.join(dir, files[name]!), `webm bytes ${name}`);
    }
  });
  afterAll(async () => {
    if (previousDir === undefined) delete process.env.RECORDINGS_DIR;
    else process.env.RECORDINGS_DIR = previousDir;
    await closeDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores each closed file once, and puts its hash in the audit chain", async () => {
    const events = ["a", "b", "c"].map((name) => closed(files[name]!, `webm bytes ${name}`));
    const first = await new ApiClient().call("mediaEvents", { headers: internal(), body: { events } });
    expect(first.status).toBe(200);
    // The node retries a batch it did not see acknowledged: the same files are not stored twice.
    const again = await new ApiClient().call("mediaEvents", { headers: internal(), body: { events } });
    expect(again.status).toBe(200);
    const rows = await db.prisma.recording.findMany({ where: { roomId }, orderBy: { file: "asc" } });
    expect(rows.map((r) => r.file)).toEqual([files.a, files.b, files.c]);
    expect(rows[0]).toMatchObject({ sha256: events[0]!.sha256, sizeBytes: BigInt(events[0]!.sizeBytes), endReason: "stopped", node: "n1" });
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "recording.stored" } });
    expect(audit).toHaveLength(3);
    expect(audit.map((a) => (a.data as { sha256: string }).sha256).sort()).toEqual(events.map((e) => e.sha256).sort());
  });

  it("keeps the node's word that its recordings disk was full in the room's history", async () => {
    const event = { type: "recording.storage_full", room: roomId, freeBytes: 1024, at: new Date().toISOString(), node: "n1" };
    expect((await new ApiClient().call("mediaEvents", { headers: internal(), body: { events: [event] } })).status).toBe(200);
    const stored = await db.prisma.roomEvent.findFirstOrThrow({ where: { roomId, type: "recording.storage_full" } });
    expect(stored).toMatchObject({ node: "n1", data: { freeBytes: 1024 } });
  });

  it("refuses a report whose path leaves the recordings folder, and stores nothing of its batch", async () => {
    for (const file of ["../etc/passwd.webm", `${roomId}/../../x.webm`, "/abs/x.webm", `${roomId}/x.mp4`]) {
      const response = await new ApiClient().call("mediaEvents", { headers: internal(), body: { events: [closed(file, "x")] } });
      expect(response.status, file).toBe(400);
    }
    expect(await db.prisma.recording.count({ where: { roomId } })).toBe(3);
  });

  it("lists a room's files in scope and lets admins and officers download the original, audited; 404 outside scope, 403 for inspectors", async () => {
    const officer = await ApiClient.signIn("gm.officer");
    const listed = await officer.call("listRoomRecordings", { params: { id: roomId } });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(3);
    const recording = listed.body.items.find((r: { sha256: string }) => r.sha256 === createHash("sha256").update("webm bytes a").digest("hex"));

    const auditedBefore = await db.prisma.auditEvent.count({ where: { action: "recording.download" } });
    for (const user of ["gm.officer", "fs.admin"]) {
      const download = await (await ApiClient.signIn(user)).call("downloadRecording", { params: { id: recording.id } });
      expect(download.status, user).toBe(200);
      expect(download.body).toBe("webm bytes a");
      expect(download.headers.get("x-content-sha256")).toBe(recording.sha256);
      expect(download.headers.get("content-type")).toBe("video/webm");
    }
    const audited = await db.prisma.auditEvent.findMany({ where: { action: "recording.download" }, orderBy: { seq: "asc" } });
    expect(audited).toHaveLength(auditedBefore + 2);
    expect(audited.at(-1)).toMatchObject({ targetId: recording.id });

    const inspector = await ApiClient.signIn("gm.inspector");
    expect((await inspector.call("listRoomRecordings", { params: { id: roomId } })).status).toBe(200);
    expect((await inspector.call("downloadRecording", { params: { id: recording.id } })).status).toBe(403);
    const outsider = await ApiClient.signIn("nh.officer");
    expect((await outsider.call("listRoomRecordings", { params: { id: roomId } })).status).toBe(404);
    expect((await outsider.call("downloadRecording", { params: { id: recording.id } })).status).toBe(404);
    expect((await new ApiClient().call("downloadRecording", { params: { id: recording.id } })).status).toBe(401);
    // Refusals leave no download in the chain.
    expect(await db.prisma.auditEvent.count({ where: { action: "recording.download" } })).toBe(auditedBefore + 2);
  });

  it("names a file altered on disk and one that vanished", async () => {
    expect(await verifyRecordings(db.prisma, dir)).toEqual({ checked: 3, findings: [] });
    appendFileSync(path.join(dir, files.b!), "tampered");
    rmSync(path.join(dir, files.c!));
    const verdict = await verifyRecordings(db.prisma, dir);
    expect(verdict.checked).toBe(3);
    expect(verdict.findings.map((f) => [f.file, f.problem])).toEqual(
      expect.arrayContaining([
        [files.b, "changed"],
        [files.c, "vanished"],
      ]),
    );
    expect(verdict.findings).toHaveLength(2);
  });

  it("places a legal hold once however often it is asked, audited; inspectors and outsiders cannot", async () => {
    const officer = await ApiClient.signIn("gm.officer");
    const [recording] = (await officer.call("listRoomRecordings", { params: { id: roomId } })).body.items;
    const before = await db.prisma.auditEvent.count({ where: { action: "recording.legal_hold_placed" } });
    const answers = await Promise.all(Array.from({ length: 20 }, () => officer.call("setRecordingLegalHold", { params: { id: recording.id }, body: { hold: true } })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(await db.prisma.auditEvent.count({ where: { action: "recording.legal_hold_placed" } })).toBe(before + 1);
    expect((await (await ApiClient.signIn("gm.inspector")).call("setRecordingLegalHold", { params: { id: recording.id }, body: { hold: false } })).status).toBe(403);
    expect((await (await ApiClient.signIn("nh.officer")).call("setRecordingLegalHold", { params: { id: recording.id }, body: { hold: false } })).status).toBe(404);
    expect((await officer.call("setRecordingLegalHold", { params: { id: recording.id }, body: { hold: "yes" } })).status).toBe(400);
    expect((await db.prisma.recording.findUniqueOrThrow({ where: { id: recording.id } })).legalHold).toBe(true);
    await officer.call("setRecordingLegalHold", { params: { id: recording.id }, body: { hold: false } });
    expect(await db.prisma.auditEvent.count({ where: { action: "recording.legal_hold_lifted" } })).toBe(1);
  });

  it("deletes what is past its retention (meetings 90 days) except legal holds, each deletion audited, once", async () => {
    const officer = await ApiClient.signIn("gm.officer");
    const room = (await officer.call("createRoom", { body: { title: "过期录像" } })).body.id;
    mkdirSync(path.join(dir, room));
    const old = ["old1", "old2", "held"].map((n) => `${room}/20260101T000000Z_x_camera_abcd_${n}.webm`);
    const fresh = `${room}/20260101T000000Z_x_camera_abcd_fresh.webm`;
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
    for (const file of [...old, fresh]) writeFileSync(path.join(dir, file), file);
    const events = [...old.map((file) => ({ file, at: daysAgo(91) })), { file: fresh, at: daysAgo(89) }].map(({ file, at }) => ({ ...closed(file, file), room, at, firstPacketAt: at }));
    expect((await new ApiClient().call("mediaEvents", { headers: internal(), body: { events } })).status).toBe(200);
    const held = await db.prisma.recording.findUniqueOrThrow({ where: { file: old[2]! } });
    await officer.call("setRecordingLegalHold", { params: { id: held.id }, body: { hold: true } });

    const policy = { visitDays: 180, otherDays: 90 };
    // Two runs at once: each file is deleted, and audited, once.
    const runs = await Promise.all([deleteExpiredRecordings(db.prisma, dir, policy, now), deleteExpiredRecordings(db.prisma, dir, policy, now)]);
    expect(runs.flatMap((r) => r.deleted).sort()).toEqual([old[0], old[1]].sort());
    expect(existsSync(path.join(dir, old[0]!))).toBe(false);
    expect(existsSync(path.join(dir, old[2]!))).toBe(true);
    expect(existsSync(path.join(dir, fresh))).toBe(true);
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "recording.deleted" } });
    expect(audit.map((a) => (a.data as { file: string }).file).sort()).toEqual([old[0], old[1]].sort());
    // The row stays (evidence that the file existed); the file is no longer served.
    const gone = await db.prisma.recording.findUniqueOrThrow({ where: { file: old[0]! } });
    expect(gone.deletedAt).not.toBeNull();
    expect((await officer.call("downloadRecording", { params: { id: gone.id } })).status).toBe(404);
    expect((await officer.call("setRecordingLegalHold", { params: { id: gone.id }, body: { hold: true } })).status).toBe(409);
  });

  it("lists each file at its time 0 on the wall clock, from the node's sender reports when it sent them", async () => {
    const officer = await ApiClient.signIn("gm.officer");
    const room = (await officer.call("createRoom", { body: { title: "对齐测试" } })).body.id;
    mkdirSync(path.join(dir, room));
    const [withReports, without] = [`${room}/20261202T000000Z_p_camera_abcd_1.webm`, `${room}/20261202T000000Z_p_mic_abcd_1.webm`];
    for (const file of [withReports, without]) writeFileSync(path.join(dir, file), file);
    const firstPacketAt = Date.parse("2026-12-02T08:00:00.300Z");
    // The worker's NTP clock runs 1e9 ms behind the wall clock; the report made 1 s after the
    // file's first RTP timestamp (90 000 ticks later) arrived 4 ms after it was made.
    const ntpAtStart = Date.parse("2026-12-02T08:00:00.120Z") - 1e9;
    const events = [
      { ...closed(withReports, withReports), room, firstPacketAt: new Date(firstPacketAt).toISOString(), clockRate: 90000, firstRtpTimestamp: 4_294_000_000, sync: [{ ntpMs: ntpAtStart + 1000, rtpTimestamp: (4_294_000_000 + 90_000) % 2 ** 32, receivedAt: ntpAtStart + 1e9 + 1004 }] },
      { ...closed(without, without), room, kind: "audio", source: "mic", firstPacketAt: new Date(firstPacketAt).toISOString(), sync: [] },
    ];
    expect((await new ApiClient().call("mediaEvents", { headers: internal(), body: { events } })).status).toBe(200);
    const stored = await db.prisma.recording.findUniqueOrThrow({ where: { file: withReports } });
    expect(stored).toMatchObject({ clockRate: 90000, firstRtpTimestamp: BigInt(4_294_000_000) });
    const items: Array<{ file?: string; source: string; startAt: string | null; alignedBy: string }> = (await officer.call("listRoomRecordings", { params: { id: room } })).body.items;
    expect(items.find((i) => i.source === "camera")).toMatchObject({ startAt: "2026-12-02T08:00:00.124Z", alignedBy: "sender_reports" });
    expect(items.find((i) => i.source === "mic")).toMatchObject({ startAt: "2026-12-02T08:00:00.300Z", alignedBy: "first_packet" });
    // Out of range: a typed refusal, nothing stored.
    const bad = await new ApiClient().call("mediaEvents", { headers: internal(), body: { events: [{ ...events[0]!, file: `${room}/x_2.webm`, firstRtpTimestamp: 2 ** 32 }] } });
    expect(bad.status).toBe(400);
    expect(await db.prisma.recording.count({ where: { roomId: room } })).toBe(2);
  });
});
