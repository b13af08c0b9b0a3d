import { beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../support/api-client.ts";
import { dataDigest, RECORD_TABLES } from "../support/fixtures.ts";
import { useLiveRollCallWithNode, type RosterEntry } from "../support/live-roll-call-with-node.ts";

/**
 * 补点 (issue 13 §5): after the end, within ROLLCALL_MAKEUP_MINUTES (240 by default), a person
 * marked 缺席 is called again in a roll call of their own; its mark is recorded on the original
 * entry beside the 缺席, audited as a make-up, and the person's page is told it is a make-up.
 */
describe("make-up calls (补点) (portal API + real media node)", () => {
  const fx = useLiveRollCallWithNode({ title: "需补点的点名", rtcPorts: [44500, 44999] });
  let entries: RosterEntry[];
  const start = (entryId: string, id = fx.rollCallId) => fx.officer.call("startMakeUpCall", { params: { id, entryId } });

  beforeAll(async () => {
    const first = fx.entries[0]!;
    // Before the end there is nothing to make up for.
    const early = await start(first.id);
    expect(early.status).toBe(409);
    expect(early.body.error.fields).toEqual({ state: "not_ended" });
    await fx.officer.call("markRollCallEntry", { params: { id: fx.rollCallId, entryId: first.id }, body: { status: "present" } });
    // Nobody else joined: the end makes them 缺席.
    entries = (await fx.officer.call("endRollCall", { params: { id: fx.rollCallId } })).body.entries;
  });

  it("calls a person marked 缺席 again in a roll call of their own; starting it ten times at once gives one", async () => {
    const absent = entries.find((e) => e.status === "absent")!;
    const results = await Promise.all(Array.from({ length: 10 }, () => start(absent.id)));
    for (const result of results) expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(new Set(results.map((r) => r.body.rollCallId)).size).toBe(1);
    const made = results[0]!.body;
    expect(made.link).toMatch(/^\/r\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}$/);
    expect(await fx.db.prisma.rollCall.count({ where: { makeUpOfEntryId: absent.id } })).toBe(1);
    expect(await fx.db.prisma.auditEvent.count({ where: { action: "rollcall.make_up_start", targetId: absent.id } })).toBe(1);
    const makeUp = (await fx.officer.call("getRollCall", { params: { id: made.rollCallId } })).body;
    expect(makeUp).toMatchObject({ title: "补点：需补点的点名", state: "scheduled" });
    expect(makeUp.entries.map((e: { personId: string }) => e.personId)).toEqual([absent.personId]);
  });

  it("records the make-up's mark beside the 缺席, audited as a make-up, and tells the person it was a make-up", async () => {
    const absent = entries.find((e) => e.status === "absent")!;
    const made = (await start(absent.id)).body;
    const opened = await fx.officer.call("openRollCall", { params: { id: made.rollCallId } });
    expect(opened.status).toBe(200);
    const person = await fx.join(absent, opened.body.grant.room.id);
    const marked = await fx.officer.call("markRollCallEntry", { params: { id: made.rollCallId, entryId: made.entryId }, body: { status: "late", remark: "补点时在单位" } });
    expect(marked.body).toMatchObject({ applied: true, notified: true });
    expect(await person.waitFor("marked")).toEqual({ status: "late", makeUp: true });

    const record = (await fx.officer.call("getRollCall", { params: { id: fx.rollCallId } })).body;
    const original = record.entries.find((e: { id: string }) => e.id === absent.id);
    expect(original.status).toBe("absent");
    expect(original.makeUp).toMatchObject({ status: "late", by: expect.any(String) });
    expect(record.counts.absent).toBe(entries.filter((e) => e.status === "absent").length);
    const audit = await fx.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "rollcall.make_up_mark", targetId: absent.id } });
    expect(audit.data).toMatchObject({ makeUpRollCallId: made.rollCallId, after: "late", status: "absent" });
    const csv = await fx.officer.call("exportRollCallCsv", { params: { id: fx.rollCallId } });
    const line = csv.body.split("\r\n").find((l: string) => l.startsWith(`${absent.personName},`))!;
    expect(line.split(",").at(-1)).toMatch(/^迟到 \d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}/);
  });

  it("refuses a person who was not 缺席, and any make-up once the window after the end has closed; nothing changes", async () => {
    const present = entries.find((e) => e.status === "present")!;
    const other = entries.filter((e) => e.status === "absent")[1]!;
    const before = await dataDigest(fx.db, RECORD_TABLES);
    const notAbsent = await start(present.id);
    expect(notAbsent.status).toBe(409);
    expect(notAbsent.body.error.fields).toEqual({ status: "not_absent" });
    expect(await dataDigest(fx.db, RECORD_TABLES)).toBe(before);
    // The roll call ended more than four hours ago.
    await fx.db.prisma.rollCall.update({ where: { id: fx.rollCallId }, data: { endedAt: new Date(Date.now() - 241 * 60_000) } });
    const closedBefore = await dataDigest(fx.db, RECORD_TABLES);
    const closed = await start(other.id);
    expect(closed.status).toBe(409);
    expect(closed.body.error.fields).toEqual({ makeUp: "window_closed" });
    expect(await dataDigest(fx.db, RECORD_TABLES)).toBe(closedBefore);
    const closesAt = Date.parse((await fx.officer.call("getRollCall", { params: { id: fx.rollCallId } })).body.makeUpClosesAt);
    expect(closesAt).toBeLessThan(Date.now());
    // Read-only staff never start one.
    const inspector = await ApiClient.signIn("gm.inspector");
    await fx.db.prisma.rollCall.update({ where: { id: fx.rollCallId }, data: { endedAt: new Date() } });
    expect((await inspector.call("startMakeUpCall", { params: { id: fx.rollCallId, entryId: other.id } })).status).toBe(403);
  });
});
