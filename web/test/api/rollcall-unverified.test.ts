import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { openLiveRollCall } from "../support/live-roll-call.ts";
import { ApiClient } from "../support/api-client.ts";
import { demoFixtures } from "../support/fixtures.ts";

const internal = () => ({ authorization: `Bearer ${config().internalSecret}` });

/**
 * 结束点名 used to turn everyone who joined but was never marked into 已到 — with a challenge still
 * 待判定 and no snapshot — giving 100 % attendance. Only an officer's mark makes 已到.
 */
describe("ending a roll call with joined but unmarked persons", () => {
  let db: Database;
  let officer: ApiClient;
  let rollCallId: string;
  let entries: Array<{ id: string; personId: string; personName: string }>;

  beforeAll(async () => {
    db = await useSeededDatabase();
    const f = await demoFixtures(db);
    officer = await ApiClient.signIn("hc.officer");
    rollCallId = (await openLiveRollCall(officer, { title: "待核验", unitId: f.unit("荷城司法所"), personIds: f.hcPersonIds, graceMinutes: 5 })).id;
    entries = (await officer.call("getRollCall", { params: { id: rollCallId } })).body.entries;
    const rollCall = await db.prisma.rollCall.findUniqueOrThrow({ where: { id: rollCallId } });
    // The first two join on time; the third never does.
    const onTime = new Date(rollCall.startsAt.getTime() + 60_000).toISOString();
    const joined = entries.slice(0, 2).map((e) => ({ type: "peer.joined", room: rollCall.roomId, identity: `person:${e.personId}`, name: e.personName, role: "participant", at: onTime, node: "n1" }));
    expect((await new ApiClient().call("mediaEvents", { headers: internal(), body: { events: joined } })).body).toEqual({ stored: 2 });
    // The second is called and never judged: the challenge is still 待判定 at the end.
    const called = await officer.call("callRollCallEntry", { params: { id: rollCallId, entryId: entries[1]!.id } });
    expect(called.body.challenge).toBeTruthy();
  });
  afterAll(() => closeDatabase());

  it("makes both 待核验 (unverified), never 已到, and the rate says nobody was present", async () => {
    const ended = await officer.call("endRollCall", { params: { id: rollCallId } });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const statusOf = (i: number) => ended.body.entries.find((e: { id: string }) => e.id === entries[i]!.id);
    expect(statusOf(0)).toMatchObject({ status: "unverified", markedAt: null });
    expect(statusOf(1)).toMatchObject({ status: "unverified", markedAt: null, challenge: { result: null } });
    expect(statusOf(2).status).toBe("absent");
    expect(ended.body.counts).toMatchObject({ present: 0, unverified: 2, absent: 1 });
    expect(ended.body.attendanceRate).toBe(0);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "rollcall.end", targetId: rollCallId } });
    expect(audit.data).toMatchObject({ autoAbsent: 1, unverified: expect.arrayContaining([entries[0]!.personId, entries[1]!.personId]) });
    expect(audit.data).not.toHaveProperty("autoPresent");
  });

  it("says 待核验 in the CSV, the person's history and the weekly statistics (not present)", async () => {
    const csv = await officer.call("exportRollCallCsv", { params: { id: rollCallId } });
    const line = csv.body.split("\r\n").find((l: string) => l.startsWith(`${entries[0]!.personName},`))!;
    expect(line.split(",")[2]).toBe("待核验");
    const history = await officer.call("personAttendance", { params: { id: entries[1]!.personId } });
    expect(history.body.items.find((i: { rollCallId: string }) => i.rollCallId === rollCallId)).toMatchObject({ status: "unverified" });
    const stats = await officer.call("attendanceStats", { query: { weeks: "4" } });
    expect(stats.body.overall).toEqual([expect.objectContaining({ expected: 3, attended: 0, rate: 0 })]);
  });

  it("lets the officer decide afterwards: a mark with a reason, audited as an override", async () => {
    const target = entries[0]!;
    const refused = await officer.call("markRollCallEntry", { params: { id: rollCallId, entryId: target.id }, body: { status: "present" } });
    expect(refused.body.error.fields).toEqual({ overrideReason: "required" });
    // 待核验 is the end's word, never an officer's mark.
    const notAMark = await officer.call("markRollCallEntry", { params: { id: rollCallId, entryId: target.id }, body: { status: "unverified", overrideReason: "x" } });
    expect(notAMark.status).toBe(400);
    const ok = await officer.call("markRollCallEntry", { params: { id: rollCallId, entryId: target.id }, body: { status: "present", overrideReason: "回看录像确认本人应答" } });
    expect(ok.status).toBe(200);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "rollcall.mark_override", targetId: target.id } });
    expect(audit.data).toMatchObject({ before: "unverified", after: "present", reason: "回看录像确认本人应答" });
    const detail = (await officer.call("getRollCall", { params: { id: rollCallId } })).body;
    expect(detail.counts).toMatchObject({ present: 1, unverified: 1, absent: 1 });
  });
});
