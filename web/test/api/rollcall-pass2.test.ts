import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ApiClient } from "../support/api-client.ts";
import { dataDigest, RECORD_TABLES } from "../support/fixtures.ts";
import { useLiveRollCallWithNode } from "../support/live-roll-call-with-node.ts";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Roll call, second pass (issue 13 §5), through the portal's API with a real media node: the
 * person's page is told its mark at once, marks carry a remark and a 请假 reason with documents,
 * the console opens only shortly before the start, and the exports name China's dates.
 */
describe("roll call second pass (portal API + real media node)", () => {
  const fx = useLiveRollCallWithNode({ title: "第二轮点名", rtcPorts: [44000, 44499] });
  const mark = (entryId: string, body: Record<string, unknown>) => fx.officer.call("markRollCallEntry", { params: { id: fx.rollCallId, entryId }, body });

  it("tells the marked person alone, at once, what the officer decided (pushed by the media node)", async () => {
    const [a, b] = [fx.entries[0]!, fx.entries[1]!];
    const [personA, personB] = [await fx.join(a), await fx.join(b)];
    const marked = await mark(a.id, { status: "present" });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ applied: true, notified: true });
    expect(await personA.waitFor("marked")).toEqual({ status: "present", makeUp: false });
    // A changed decision follows.
    expect((await mark(a.id, { status: "late" })).body.notified).toBe(true);
    await personA.waitFor("marked", (m) => m.status === "late");
    // Nobody else learns another person's mark.
    await expect(personB.waitFor("marked", undefined, 500)).rejects.toThrow(/timed out/);
  });

  it("keeps a remark with each mark and a reason with 请假, in the record and the audit chain, with the officer's display name", async () => {
    const [, b, c] = fx.entries;
    expect((await mark(b!.id, { status: "absent", remark: "电话未接通" })).status).toBe(200);
    // c is not in the room: the mark is saved, the person simply cannot be told.
    const excused = await mark(c!.id, { status: "excused", excuseReason: "住院治疗", remark: "家属来电告知" });
    expect(excused.body).toMatchObject({ applied: true, notified: false });
    const detail = (await fx.officer.call("getRollCall", { params: { id: fx.rollCallId } })).body;
    const of = (id: string) => detail.entries.find((e: { id: string }) => e.id === id);
    const officerName = (await fx.db.prisma.user.findUniqueOrThrow({ where: { username: "hc.officer" } })).displayName;
    expect(of(b!.id)).toMatchObject({ status: "absent", remark: "电话未接通", excuseReason: null, markedBy: officerName });
    expect(of(c!.id)).toMatchObject({ status: "excused", remark: "家属来电告知", excuseReason: "住院治疗", markedBy: officerName });
    expect(officerName).not.toBe("hc.officer");
    const audit = await fx.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "rollcall.mark", targetId: c!.id }, orderBy: { seq: "desc" } });
    expect(audit.data).toMatchObject({ after: "excused", excuseReason: "住院治疗", remark: "家属来电告知" });
    // A new mark replaces the remark; a reason goes only with 请假, refused with anything else.
    const before = await dataDigest(fx.db, RECORD_TABLES);
    const refused = await mark(b!.id, { status: "present", excuseReason: "x" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toMatchObject({ excuseReason: "only_with_excused" });
    expect(await dataDigest(fx.db, RECORD_TABLES)).toBe(before);
  });

  it("keeps a 请假 document by its bytes' type with its hash in the audit chain, and refuses the wrong ones", async () => {
    const [, b, c] = fx.entries;
    const attach = (entryId: string, bytes: Buffer, as: ApiClient = fx.officer) =>
      as.call("attachExcuseDocument", { params: { id: fx.rollCallId, entryId }, body: { fileBase64: bytes.toString("base64") } });
    const stored = await attach(c!.id, PDF);
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);
    const sha256 = createHash("sha256").update(PDF).digest("hex");
    expect(stored.body).toMatchObject({ mimeType: "application/pdf", sha256, size: PDF.length });
    const audit = await fx.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "rollcall.excuse_attachment", targetId: c!.id } });
    expect(audit.data).toMatchObject({ sha256, bytes: PDF.length, mimeType: "application/pdf" });
    const served = await fx.officer.call("getExcuseAttachment", { params: { id: fx.rollCallId, entryId: c!.id, attachmentId: stored.body.id } });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("application/pdf");
    expect(served.headers.get("x-content-sha256")).toBe(sha256);
    // A PDF is downloaded, never rendered inside the portal's origin.
    expect(served.headers.get("content-disposition")).toMatch(/^attachment/);
    const detail = (await fx.officer.call("getRollCall", { params: { id: fx.rollCallId } })).body;
    expect(detail.entries.find((e: { id: string }) => e.id === c!.id).attachments).toEqual([expect.objectContaining({ sha256, url: expect.stringContaining(stored.body.id) })]);

    const inspector = await ApiClient.signIn("gm.inspector");
    const before = await dataDigest(fx.db, RECORD_TABLES);
    // A renamed executable is not a picture: the type comes from the bytes.
    const notAllowed = await attach(c!.id, Buffer.from("MZ\x90\x00 this is not a document at all"));
    expect(notAllowed.status).toBe(400);
    expect(notAllowed.body.error.fields).toMatchObject({ fileBase64: "unsupported_type" });
    // Over 5 MB (a PNG's header on 5 MB + 1 byte).
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    big.set(PNG_HEAD);
    expect((await attach(c!.id, big)).status).toBe(400);
    // Only a 请假 has a document behind it.
    const notExcused = await attach(b!.id, PDF);
    expect(notExcused.status).toBe(409);
    expect(notExcused.body.error.fields).toMatchObject({ status: "not_excused" });
    // Read-only staff read records, they do not add to them.
    expect((await attach(c!.id, PDF, inspector)).status).toBe(403);
    expect((await inspector.call("getExcuseAttachment", { params: { id: fx.rollCallId, entryId: c!.id, attachmentId: stored.body.id } })).status).toBe(200);
    expect(await dataDigest(fx.db, RECORD_TABLES)).toBe(before);
  });

  it("exports remarks, reasons, document hashes and staff display names in the CSV, named by China's date", async () => {
    const [, b, c] = fx.entries;
    const csv = await fx.officer.call("exportRollCallCsv", { params: { id: fx.rollCallId } });
    const header = csv.body.replace(/^\uFEFF/, "").split("\r\n")[0].split(",");
    expect(header.slice(-5)).toEqual(["标记人", "请假事由", "请假材料 SHA-256", "备注", "补点"]);
    const line = (name: string) => csv.body.split("\r\n").find((l: string) => l.startsWith(`${name},`))!;
    const officerName = (await fx.db.prisma.user.findUniqueOrThrow({ where: { username: "hc.officer" } })).displayName;
    expect(line(c!.personName).split(",").slice(-5)).toEqual([officerName, "住院治疗", createHash("sha256").update(PDF).digest("hex"), "家属来电告知", ""]);
    expect(line(b!.personName).split(",").slice(-5)).toEqual([officerName, "", "", "电话未接通", ""]);
  });

  it("names the CSV and .ics files by the roll call's date in China, and puts the .ics event on China's clock", async () => {
    // 07:30 in China, two days on: still the previous day in UTC.
    const chinaDate = new Date(Date.now() + 2 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const startsAt = new Date(`${chinaDate}T07:30:00+08:00`);
    expect(startsAt.toISOString().slice(0, 10)).not.toBe(chinaDate);
    const created = await fx.officer.call("createRollCall", { body: { title: "早间点名", unitId: fx.f.unit("荷城司法所"), startsAt: startsAt.toISOString(), personIds: fx.f.hcPersonIds.slice(0, 1) } });
    expect(created.status).toBe(201);
    const id = created.body.items[0].id;
    const filename = (response: { headers: Headers }) => decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(response.headers.get("content-disposition")!)![1]!);
    const csv = await fx.officer.call("exportRollCallCsv", { params: { id } });
    expect(filename(csv)).toBe(`点名记录-早间点名-${chinaDate}.csv`);
    const ics = await fx.officer.call("rollCallCalendar", { params: { id } });
    expect(filename(ics)).toBe(`视频点名-早间点名-${chinaDate}.ics`);
    // The event is at 07:30 on China's clock under TZID=Asia/Shanghai (it read 23:30 the day
    // before: ical-generator wrote the server's own UTC clock under that TZID).
    expect(ics.body).toContain(`DTSTART;TZID=Asia/Shanghai:${chinaDate.replace(/-/g, "")}T073000`);
    expect(ics.body).toContain(`DTEND;TZID=Asia/Shanghai:${chinaDate.replace(/-/g, "")}T080000`);
  });

  it("does not open the console before the start minus the lead time, and says when it opens; nothing changes", async () => {
    const startsAt = new Date(Date.now() + 2 * 3_600_000);
    const created = await fx.officer.call("createRollCall", { body: { title: "提前开启", unitId: fx.f.unit("荷城司法所"), startsAt: startsAt.toISOString(), personIds: fx.f.hcPersonIds.slice(0, 1) } });
    const id = created.body.items[0].id;
    const before = await dataDigest(fx.db, RECORD_TABLES);
    const early = await fx.officer.call("openRollCall", { params: { id } });
    expect(early.status).toBe(409);
    expect(early.body.error.fields).toEqual({ startsAt: "console_not_open" });
    expect(early.body.error.message).toContain(new Date(startsAt.getTime() - 15 * 60_000).toISOString());
    expect(await dataDigest(fx.db, RECORD_TABLES)).toBe(before);
    // Within the lead time it opens; the record keeps the planned start and the actual opening apart.
    await fx.db.prisma.rollCall.update({ where: { id }, data: { startsAt: new Date(Date.now() + 10 * 60_000), endsAt: new Date(Date.now() + 40 * 60_000) } });
    expect((await fx.officer.call("openRollCall", { params: { id } })).status).toBe(200);
    const stored = await fx.db.prisma.rollCall.findUniqueOrThrow({ where: { id } });
    expect(stored.openedAt!.getTime()).toBeLessThan(stored.startsAt.getTime());
  });
});
