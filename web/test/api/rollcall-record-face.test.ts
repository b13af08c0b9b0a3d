import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditActor, toActor } from "@/lib/auth/actor";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Database } from "@/lib/db/open-database";
import { getRollCallRecord } from "@/lib/rollcalls/get-roll-call-record";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { demoFixtures, TINY_JPEG } from "../support/fixtures.ts";

/**
 * The roll call's record carries the face match of each snapshot (CSV and the printed sheet), is
 * named by the China-time date, and names staff by their display names.
 */
describe("face match, China dates and staff names in the roll call's record", () => {
  let db: Database;
  let rollCallId: string;
  let names: string[];

  beforeAll(async () => {
    db = await useSeededDatabase();
    const f = await demoFixtures(db);
    const gm = await db.prisma.user.findUniqueOrThrow({ where: { username: "gm.officer" }, include: { unit: true } });
    // 07:30 on 7 December in China is still 6 December in UTC.
    const startsAt = new Date("2026-12-06T23:30:00Z");
    const rollCall = await db.prisma.rollCall.create({ data: { title: "早点名", unitId: f.unit("高明区司法局"), startsAt, graceMinutes: 10, endsAt: new Date(startsAt.getTime() + 30 * 60_000), createdById: gm.id, state: "ended", openedAt: startsAt, endedAt: new Date(startsAt.getTime() + 20 * 60_000) } });
    rollCallId = rollCall.id;
    const persons = await db.prisma.supervisedPerson.findMany({ where: { id: { in: f.hcPersonIds } }, orderBy: { name: "asc" } });
    names = persons.map((p) => p.name);
    const matches = [
      { status: "compared", score: 0.7234, verdict: "pass", thresholds: { pass: 0.55, review: 0.4 }, enrolmentId: "e", facesInSnapshot: 1 },
      { status: "no_face", verdict: "review", enrolmentId: "e" },
      {},
    ];
    for (const [i, person] of persons.entries()) {
      const entry = await db.prisma.rollCallEntry.create({ data: { rollCallId, personId: person.id, linkExpiresAt: rollCall.endsAt, status: "present", joinedAt: startsAt, markedAt: startsAt } });
      await db.prisma.rollCallEvidence.create({ data: { entryId: entry.id, mimeType: "image/jpeg", bytes: Buffer.from(TINY_JPEG, "base64"), sha256: "s", width: 16, height: 16, takenById: gm.id, faceMatch: matches[i]! } });
    }
    await db.prisma.$transaction((tx) => appendAuditEvent(tx, auditActor(toActor(gm)), { action: "rollcall.open", targetType: "RollCall", targetId: rollCallId, unitPath: gm.unit.path }));
  }, 120_000);
  afterAll(() => closeDatabase());

  it("exports the face match beside the snapshot, in a file named by the China-time date", async () => {
    const csv = await (await ApiClient.signIn("gm.officer")).call("exportRollCallCsv", { params: { id: rollCallId } });
    expect(csv.status).toBe(200);
    expect(decodeURIComponent(csv.headers.get("content-disposition")!)).toContain("点名记录-早点名-2026-12-07.csv");
    const [header, ...lines] = (csv.body as string).replace(/^\uFEFF/, "").trim().split("\r\n");
    const columns = header!.split(",");
    const face = columns.indexOf("人脸比对");
    expect(face).toBe(columns.indexOf("抓拍") + 1);
    const cell = (name: string) => lines.find((l) => l.startsWith(`${name},`))!.split(",")[face];
    expect(cell(names[0]!)).toBe("相似度 0.72 通过");
    expect(cell(names[1]!)).toBe("未检测到人脸，需人工核验");
    expect(cell(names[2]!)).toBe("");
  });

  it("gives the printed record the face match and the officer's display name, not the login name", async () => {
    const gm = await db.prisma.user.findUniqueOrThrow({ where: { username: "gm.officer" }, include: { unit: true } });
    const record = await getRollCallRecord(toActor(gm), rollCallId);
    expect(record.openedBy).toBe("陈志强");
    expect(record.createdBy).toBe("陈志强");
    expect(record.entries.find((e) => e.personName === names[0])!.faceMatch).toMatchObject({ status: "compared", verdict: "pass" });
    expect(record.entries.find((e) => e.personName === names[2])!.faceMatch).toBeNull();
  });
});
