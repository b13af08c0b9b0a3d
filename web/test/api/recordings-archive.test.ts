import { mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import type { Database } from "@/lib/db/open-database";
import { verifyRecordings } from "@/lib/recordings/verify-recordings";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";

const internal = () => ({ authorization: `Bearer ${config().internalSecret}` });

describe("recording reports from the media node, and recordings:verify", () => {
  let db: Database;
  let roomId: string;
  let dir: string;
  let previousDir: string | undefined;
  const files: Record<string, string> = {};

  const closed = (file: string, content: string, extra: Record<string, unknown> = {}) => ({
    type: "recording.closed",
    room: roomId,
    at: new Date().toISOString(),
    node: "n1",
    identity: "person:1",
    name: "张三",
    source: "camera",
    kind: "video",
    file,
    codec: "video/VP8",
    sequence: 1,
    sizeBytes: Buffer.byteLength(content),
    sha256: createHash("sha256").update(content).digest("hex"),
    firstPacketAt: new Date(Date.now() - 60_000).toISOString(),
    durationMs: 60_000,
    endReason: "stopped",
    gap: null,
    sync: [{ ntpMs: 1_000_000.5, rtpTimestamp: 90_000, receivedAt: Date.now() - 30_000 }],
    ...extra,
  });

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
});
