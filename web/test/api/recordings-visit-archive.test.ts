import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import type { Database } from "@/lib/db/open-database";
import { deleteExpiredRecordings } from "@/lib/recordings/delete-expired-recordings";
import { verifyExports } from "@/lib/recordings/export/verify-exports";
import { sessionTimeline } from "@/lib/recordings/session-timeline";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { expectIntactChain } from "../support/concurrency.ts";
import { visitResources } from "../support/visit-fixtures.ts";
import { recordingClosedEvent } from "../support/recording-closed-event.ts";

// A visit's recording in the archive (issue 10 §3): "the visit's facility and the hosting unit's
// staff and their ancestors" reach it: the prison's officers, the county center that hosted the
// family side, and the units above either; another county, a unit below the center and another
// facility get 404. Read-only roles get the records but no byte (403), the export included. The
// time line names visitors as family (with their relation) and staff as staff. An export's MP4 is
// deleted with its sources under retention, never while one of them is on legal hold.

const internal = () => ({ authorization: `Bearer ${config().internalSecret}` });
const DAY_MS = 86_400_000;

describe("a visit's recordings: who reaches them, the time line, and exports under retention", () => {
  let db: Database;
  let dir: string;
  let previousDir: string | undefined;
  let r: Awaited<ReturnType<typeof visitResources>>;
  /** The room of a visit hosted at 高明区司法局, and one hosted at 南海区司法局. */
  let gmVisit: { roomId: string; visitId: string; participantId: string; heldId: string; files: string[] };
  let nhVisit: { roomId: string; visitId: string; participantId: string; heldId: string; files: string[] };
  let serial = 0;

  /** A visit of 广东省第一监狱 hosted at the center owning `familyRoom`, with its media room and two recorded tracks ending `endedDaysAgo` days ago. */
  async function recordedVisit(familyRoom: string, endedDaysAgo = 0) {
    const held = await db.prisma.heldPerson.findFirstOrThrow({ where: { name: "陈国栋" } });
    const officer = await db.prisma.user.findUniqueOrThrow({ where: { username: "jy1.officer" } });
    const familyUnitId = (await db.prisma.visitRoom.findUniqueOrThrow({ where: { id: familyRoom } })).unitId;
    const room = await db.prisma.room.create({ data: { kind: "visit", title: `远程会见 ARC${++serial}`, unitId: r.jy1, createdById: officer.id, requiresAdmission: true, state: "closed" } });
    const endedAt = new Date(Date.now() - endedDaysAgo * DAY_MS);
    const visit = await db.prisma.visit.create({
      data: {
        code: `ARC${String(serial).padStart(5, "0")}${randomUUID().slice(0, 4)}`,
        state: "ended",
        heldPersonId: held.id,
        facilityId: r.jy1,
        familyUnitId,
        familyRoomId: familyRoom,
        terminalId: r.terminal1,
        startsAt: new Date(endedAt.getTime() - 30 * 60_000),
        endsAt: endedAt,
        startedAt: new Date(endedAt.getTime() - 30 * 60_000),
        endedAt,
        roomId: room.id,
        decidedById: officer.id,
        participants: { create: [{ role: "applicant", name: "张秀兰", relationship: "parent", idNumberMasked: "4406**********0000", idLast4: "0000", verifyMethod: "id_card", verifiedAt: endedAt }] },
      },
      include: { participants: true },
    });
    mkdirSync(path.join(dir, room.id), { recursive: true });
    const files: string[] = [];
    const events = [`family:${visit.id}`, `held:${held.id}`].map((identity, i) => {
      const file = `${room.id}/20261205T000000Z_${identity.split(":")[0]}_camera_${i}.webm`;
      const content = `webm bytes of ${file}`;
      writeFileSync(path.join(dir, file), content);
      files.push(file);
      return recordingClosedEvent(room.id, file, content, {
        at: endedAt.toISOString(),
        identity,
        name: i === 0 ? "张秀兰" : "陈国栋",
        firstPacketAt: new Date(endedAt.getTime() - 60_000).toISOString(),
        endReason: "room_closed",
      });
    });
    expect((await new ApiClient().call("mediaEvents", { headers: internal(), body: { events } })).status).toBe(200);
    return { roomId: room.id, visitId: visit.id, participantId: visit.participants[0]!.id, heldId: held.id, files };
  }

  /** A finished export of every file of the room, as the runner leaves it (composing is recording-export.test.ts's). */
  async function doneExport(roomId: string) {
    const sources = (await db.prisma.recording.findMany({ where: { roomId }, select: { id: true }, orderBy: { id: "asc" } })).map((s) => s.id);
    const requester = await db.prisma.user.findUniqueOrThrow({ where: { username: "jy1.officer" } });
    const file = `exports/${roomId}-${randomUUID()}.mp4`;
    mkdirSync(path.join(dir, "exports"), { recursive: true });
    writeFileSync(path.join(dir, file), "mp4 bytes");
    const row = await db.prisma.recordingExport.create({
      data: { roomId, requestedById: requester.id, sources, state: "done", progress: 100, startedAt: new Date(), finishedAt: new Date(), file, sizeBytes: 9n, sha256: createHash("sha256").update("mp4 bytes").digest("hex") },
    });
    return { id: row.id, file };
  }

  beforeAll(async () => {
    db = await useSeededDatabase();
    dir = mkdtempSync(path.join(os.tmpdir(), "yg-visit-archive-"));
    previousDir = process.env.RECORDINGS_DIR;
    process.env.RECORDINGS_DIR = dir;
    r = await visitResources(db);
    gmVisit = await recordedVisit(r.gmRoom);
    nhVisit = await recordedVisit(r.nhRoom);
  });
  afterAll(async () => {
    if (previousDir === undefined) delete process.env.RECORDINGS_DIR;
    else process.env.RECORDINGS_DIR = previousDir;
    await closeDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  const idsOf = async (client: ApiClient, roomId: string) => (await client.call("listRoomRecordings", { params: { id: roomId } })).body.items.map((i: { id: string }) => i.id) as string[];

  it("the facility, the hosting center and the units above either reach the records; another county, a unit below the center and another facility get 404", async () => {
    const reach = ["jy1.officer", "jy1.inspector", "gd.admin", "gd.inspector", "gm.officer", "gm.admin", "gm.inspector", "fs.inspector"];
    for (const username of reach) {
      const client = await ApiClient.signIn(username);
      const listed = await client.call("listRoomRecordings", { params: { id: gmVisit.roomId } });
      expect(listed.status, username).toBe(200);
      expect(listed.body.items, username).toHaveLength(2);
      expect((await client.call("getRecordingExport", { params: { id: gmVisit.roomId } })).status, username).toBe(200);
    }
    const fileId = (await idsOf(await ApiClient.signIn("jy1.officer"), gmVisit.roomId))[0]!;
    for (const username of ["nh.officer", "hc.officer", "jds.officer", "zh.admin"]) {
      const client = await ApiClient.signIn(username);
      expect((await client.call("listRoomRecordings", { params: { id: gmVisit.roomId } })).status, username).toBe(404);
      expect((await client.call("getRecordingExport", { params: { id: gmVisit.roomId } })).status, username).toBe(404);
      expect((await client.call("requestRecordingExport", { params: { id: gmVisit.roomId } })).status, username).toBe(404);
      expect((await client.call("downloadRecording", { params: { id: fileId } })).status, username).toBe(404);
      expect((await client.call("setRecordingLegalHold", { params: { id: fileId }, body: { hold: true } })).status, username).toBe(404);
    }
    // The center reaches the visit it hosted, not another visit of the same facility.
    const gm = await ApiClient.signIn("gm.officer");
    expect((await gm.call("listRoomRecordings", { params: { id: nhVisit.roomId } })).status).toBe(404);
    expect((await (await ApiClient.signIn("nh.officer")).call("listRoomRecordings", { params: { id: nhVisit.roomId } })).status).toBe(200);
    expect((await db.prisma.recording.findUniqueOrThrow({ where: { id: fileId } })).legalHold).toBe(false);
  });

  it("officers and admins of either side download the originals (audited); read-only roles get 403 and no byte", async () => {
    const fileId = (await idsOf(await ApiClient.signIn("jy1.officer"), gmVisit.roomId))[0]!;
    const audited = () => db.prisma.auditEvent.count({ where: { action: "recording.download", targetId: fileId } });
    const before = await audited();
    for (const username of ["jy1.officer", "gm.officer", "gm.admin", "gd.admin"]) {
      const download = await (await ApiClient.signIn(username)).call("downloadRecording", { params: { id: fileId } });
      expect(download.status, username).toBe(200);
    }
    expect(await audited()).toBe(before + 4);
    for (const username of ["jy1.inspector", "gm.inspector", "fs.inspector", "gd.inspector"]) {
      const client = await ApiClient.signIn(username);
      expect((await client.call("downloadRecording", { params: { id: fileId } })).status, username).toBe(403);
      expect((await client.call("setRecordingLegalHold", { params: { id: fileId }, body: { hold: true } })).status, username).toBe(403);
      expect((await client.call("requestRecordingExport", { params: { id: gmVisit.roomId } })).status, username).toBe(403);
    }
    expect(await audited()).toBe(before + 4);
    // The hosting center's officer places a legal hold (audited once) and lifts it.
    const gm = await ApiClient.signIn("gm.officer");
    expect((await gm.call("setRecordingLegalHold", { params: { id: fileId }, body: { hold: true } })).status).toBe(200);
    expect((await gm.call("setRecordingLegalHold", { params: { id: fileId }, body: { hold: false } })).status).toBe(200);
    expect(await db.prisma.auditEvent.count({ where: { action: { in: ["recording.legal_hold_placed", "recording.legal_hold_lifted"] }, targetId: fileId } })).toBe(2);
  });

  it("the export: the center asks for it and downloads it; read-only roles see its record only; outsiders get 404", async () => {
    const gm = await ApiClient.signIn("gm.officer");
    const asked = await gm.call("requestRecordingExport", { params: { id: gmVisit.roomId } });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ roomId: gmVisit.roomId, state: "queued", files: 2 });
    await db.prisma.recordingExport.update({ where: { id: asked.body.id }, data: { state: "failed", error: "test" } });
    const done = await doneExport(gmVisit.roomId);
    for (const username of ["gm.officer", "jy1.officer", "fs.admin"]) {
      const download = await (await ApiClient.signIn(username)).call("downloadRecordingExport", { params: { id: done.id } });
      expect(download.status, username).toBe(200);
    }
    for (const username of ["gm.inspector", "jy1.inspector"]) {
      const client = await ApiClient.signIn(username);
      expect((await client.call("getRecordingExport", { params: { id: gmVisit.roomId } })).body.export).toMatchObject({ id: done.id, state: "done" });
      expect((await client.call("downloadRecordingExport", { params: { id: done.id } })).status, username).toBe(403);
    }
    for (const username of ["nh.officer", "hc.officer"]) {
      expect((await (await ApiClient.signIn(username)).call("downloadRecordingExport", { params: { id: done.id } })).status, username).toBe(404);
    }
    expect(await db.prisma.auditEvent.count({ where: { action: "recording.export_download", targetId: gmVisit.roomId } })).toBe(3);
  });

  it("names who joined as the portal admitted them: the family with their relation, the held person, staff", async () => {
    const officer = await db.prisma.user.findUniqueOrThrow({ where: { username: "jy1.officer" } });
    const at = (s: number) => new Date(Date.now() - 120_000 + s * 1000);
    await db.prisma.roomEvent.createMany({
      data: [
        { roomId: gmVisit.roomId, type: "peer.joined", identity: `family:${gmVisit.visitId}`, name: "张秀兰", at: at(1), data: { role: "participant" } },
        { roomId: gmVisit.roomId, type: "peer.joined", identity: `held:${gmVisit.heldId}`, name: "陈国栋", at: at(2), data: { role: "participant" } },
        { roomId: gmVisit.roomId, type: "peer.joined", identity: `user:${officer.id}`, name: "邓卫东", at: at(3), data: { role: "staff" } },
        { roomId: gmVisit.roomId, type: "peer.joined", identity: `visitor:${gmVisit.participantId}`, name: "张秀兰", at: at(4), data: { role: "participant" } },
        { roomId: gmVisit.roomId, type: "peer.joined", identity: "guest:x", name: "访客", at: at(5), data: { role: "guest" } },
      ],
    });
    const joined = (await sessionTimeline(db.prisma, gmVisit.roomId)).filter((e) => e.kind === "joined").map(({ who, code, relation }) => ({ who, code, relation }));
    expect(joined).toEqual([
      { who: "张秀兰", code: "visitor", relation: "parent" },
      { who: "陈国栋", code: "held", relation: undefined },
      { who: "邓卫东", code: "staff", relation: undefined },
      { who: "张秀兰", code: "visitor", relation: "parent" },
      { who: "访客", code: "guest", relation: undefined },
    ]);
  });

  it("deletes an export's MP4 with its sources under retention (audited, once), and keeps it while a source is on legal hold", async () => {
    const policy = { visitDays: 180, otherDays: 90 };
    const expired = await recordedVisit(r.gmRoom, 181);
    const kept = await recordedVisit(r.gmRoom, 181);
    const [expiredExport, keptExport] = [await doneExport(expired.roomId), await doneExport(kept.roomId)];
    const gm = await ApiClient.signIn("gm.officer");
    const heldSource = (await gm.call("listRoomRecordings", { params: { id: kept.roomId } })).body.items.find((i: { identity: string }) => i.identity.startsWith("family:")).id as string;
    expect((await gm.call("setRecordingLegalHold", { params: { id: heldSource }, body: { hold: true } })).status).toBe(200);

    // Two runs at once: each file, and the export, deleted and audited once.
    const now = new Date();
    const runs = await Promise.all([deleteExpiredRecordings(db.prisma, dir, policy, now), deleteExpiredRecordings(db.prisma, dir, policy, now)]);
    expect(runs.flatMap((run) => run.exportsDeleted)).toEqual([expiredExport.file]);
    expect(existsSync(path.join(dir, expiredExport.file))).toBe(false);
    expect((await db.prisma.recordingExport.findUniqueOrThrow({ where: { id: expiredExport.id } })).state).toBe("deleted");
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "recording.export_deleted" } });
    expect(audit.map((a) => (a.data as { exportId: string }).exportId)).toEqual([expiredExport.id]);
    expect((await gm.call("downloadRecordingExport", { params: { id: expiredExport.id } })).status).toBe(404);
    expect((await gm.call("getRecordingExport", { params: { id: expired.roomId } })).body.export).toMatchObject({ id: expiredExport.id, state: "deleted" });

    // The held room: its other file went, the held one and the export stay.
    expect(runs.flatMap((run) => run.deleted)).toEqual(expect.arrayContaining([...expired.files, kept.files.find((f) => !f.includes("family"))!]));
    expect(existsSync(path.join(dir, keptExport.file))).toBe(true);
    expect((await db.prisma.recordingExport.findUniqueOrThrow({ where: { id: keptExport.id } })).state).toBe("done");
    expect((await gm.call("downloadRecordingExport", { params: { id: keptExport.id } })).status).toBe(200);

    // recordings:verify checks the exports' MP4s too: the deleted one is not looked for, an altered one is named.
    expect(await verifyExports(db.prisma, dir)).toMatchObject({ findings: [] });
    writeFileSync(path.join(dir, keptExport.file), "mp4 bytes, altered");
    expect((await verifyExports(db.prisma, dir)).findings).toEqual([expect.objectContaining({ id: keptExport.id, problem: "changed" })]);

    // The hold lifted, the next run deletes the rest and the export.
    expect((await gm.call("setRecordingLegalHold", { params: { id: heldSource }, body: { hold: false } })).status).toBe(200);
    const next = await deleteExpiredRecordings(db.prisma, dir, policy, new Date());
    expect(next.exportsDeleted).toEqual([keptExport.file]);
    expect(existsSync(path.join(dir, keptExport.file))).toBe(false);
    expect((await verifyExports(db.prisma, dir)).findings).toEqual([]);
    await expectIntactChain(db);
  });
});
