import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { countOf, ENGINES, expectIntactChain, expectOnly, times, TIMES } from "../support/concurrency.ts";
import { demoFixtures, TINY_JPEG } from "../support/fixtures.ts";
import { openLiveRollCall } from "../support/live-roll-call.ts";

/**
 * The same roll-call action 100 times at once, as a double-clicking console or a hostile host
 * would send it. Each action used to check the state, await, then write: two of them both saw
 * "scheduled" or "live" and both acted.
 */
describe.each(ENGINES)("roll-call actions under 100 concurrent requests (%s)", (engine) => {
  let db: Database;
  let officer: ApiClient;
  let unitId: string;
  let personIds: string[];

  beforeAll(async () => {
    db = await useSeededDatabase(engine);
    const f = await demoFixtures(db);
    officer = await ApiClient.signIn("hc.officer");
    unitId = f.unit("荷城司法所");
    personIds = f.hcPersonIds;
  });
  afterAll(async () => {
    await expectIntactChain(db);
    await closeDatabase();
  });

  const schedule = async (title: string) => {
    const created = await officer.call("createRollCall", { body: { title, unitId, personIds, startsAt: new Date(Date.now() + 60_000).toISOString() } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.items[0].id as string;
  };
  const live = (title: string) => openLiveRollCall(officer, { title, unitId, personIds });
  const events = (action: string, targetId: string) => db.prisma.auditEvent.findMany({ where: { action, targetId }, orderBy: { seq: "asc" } });
  const entriesOf = (rollCallId: string) => db.prisma.rollCallEntry.findMany({ where: { rollCallId }, orderBy: { id: "asc" } });

  it("opens one room for 100 concurrent opens, and every host token names it", async () => {
    const id = await schedule("并发开始");
    const results = await times(TIMES, () => officer.call("openRollCall", { params: { id } }));
    expectOnly(results, [200]);
    const roomIds = new Set(results.map((r) => r.body.grant.room.id));
    expect(roomIds.size).toBe(1);
    expect(await db.prisma.room.count({ where: { kind: "rollcall", title: "并发开始" } })).toBe(1);
    expect(await events("rollcall.open", id)).toHaveLength(1);
  });

  it("ends once for 100 concurrent ends: one audit event", async () => {
    const { id } = await live("并发结束");
    const results = await times(TIMES, () => officer.call("endRollCall", { params: { id } }));
    expectOnly(results, [200]);
    expect(await events("rollcall.end", id)).toHaveLength(1);
  });

  it("keeps the stored mark, the version and the audit chain of one entry in step under 100 concurrent marks", async () => {
    const { id } = await live("并发标记");
    const [entry] = await entriesOf(id);
    const statuses = ["present", "late", "excused", "absent"] as const;
    const results = await times(TIMES, (i) => officer.call("markRollCallEntry", { params: { id, entryId: entry!.id }, body: { status: statuses[i % 4] } }));
    expectOnly(results, [200]);
    const stored = await db.prisma.rollCallEntry.findUniqueOrThrow({ where: { id: entry!.id } });
    expect(stored.version).toBe(entry!.version + TIMES);
    expect(new Set(results.map((r) => r.body.version)).size).toBe(TIMES);
    const marks = await events("rollcall.mark", entry!.id);
    expect(marks).toHaveLength(TIMES);
    // Each audited change starts from what the previous one stored; the last is what is stored.
    const broken = marks.filter((e, i) => (e.data as { before: string }).before !== (i === 0 ? "pending" : (marks[i - 1]!.data as { after: string }).after));
    expect(broken.map((e) => e.data)).toEqual([]);
    expect((marks.at(-1)!.data as { after: string }).after).toBe(stored.status);
  });

  it("lands every mark either before the end (a mark) or not at all (no reason given): never a silent mark after 缺席", async () => {
    const { id } = await live("标记与结束");
    const entries = await entriesOf(id);
    const results = await times(TIMES, (i) =>
      i === TIMES / 2
        ? officer.call("endRollCall", { params: { id } })
        : officer.call("markRollCallEntry", { params: { id, entryId: entries[i % entries.length]!.id }, body: { status: "present" } }),
    );
    expectOnly(results, [200, 400]);
    expect(results[TIMES / 2]!.status).toBe(200);
    const [end] = await events("rollcall.end", id);
    const marks = await db.prisma.auditEvent.findMany({ where: { action: { in: ["rollcall.mark", "rollcall.mark_override"] }, targetId: { in: entries.map((e) => e.id) } } });
    expect(marks.filter((m) => m.seq > end!.seq || m.action === "rollcall.mark_override")).toEqual([]);
    expect(marks).toHaveLength(countOf(results, 200) - 1);
    const markedBeforeEnd = new Set(marks.map((m) => m.targetId));
    for (const e of await entriesOf(id)) expect(e.status).toBe(markedBeforeEnd.has(e.id) ? "present" : "absent");
    expect((end!.data as { autoAbsent: number }).autoAbsent).toBe(entries.length - markedBeforeEnd.size);
  });

  it("lands every call, verdict and snapshot racing the end before it, or refuses it with 409", async () => {
    const { id } = await live("操作与结束");
    const entries = await entriesOf(id);
    for (const e of entries) await officer.call("callRollCallEntry", { params: { id, entryId: e.id } });
    const actions = [
      (entryId: string) => officer.call("callRollCallEntry", { params: { id, entryId } }),
      (entryId: string) => officer.call("judgeRollCallChallenge", { params: { id, entryId }, body: { result: "passed" } }),
      (entryId: string) => officer.call("storeRollCallEvidence", { params: { id, entryId }, body: { jpegBase64: TINY_JPEG, width: 16, height: 16 } }),
    ];
    const results = await times(TIMES, (i) =>
      i === TIMES / 2 ? officer.call("endRollCall", { params: { id } }) : actions[i % 3]!(entries[i % entries.length]!.id),
    );
    expectOnly(results, [200, 201, 409]);
    const [end] = await events("rollcall.end", id);
    const late = await db.prisma.auditEvent.findMany({
      where: { action: { in: ["rollcall.call", "rollcall.challenge_judged", "rollcall.evidence"] }, targetId: { in: entries.map((e) => e.id) }, seq: { gt: end!.seq } },
    });
    expect(late.map((e) => e.action)).toEqual([]);
    const snapshotsAfterEnd = await db.prisma.rollCallEvidence.count({ where: { entryId: { in: entries.map((e) => e.id) }, takenAt: { gt: end!.at } } });
    expect(snapshotsAfterEnd).toBe(0);
  });

  it("gives no observer a grant, nor audits a look, after the end it raced", async () => {
    const { id } = await live("观看与结束");
    const inspector = await ApiClient.signIn("gm.inspector");
    const results = await times(TIMES, (i) => (i === TIMES / 2 ? officer.call("endRollCall", { params: { id } }) : inspector.call("observeRollCall", { params: { id } })));
    expectOnly(results, [200, 409]);
    const [end] = await events("rollcall.end", id);
    const observed = await events("rollcall.observe", id);
    expect(observed.filter((e) => e.seq > end!.seq)).toHaveLength(0);
    expect(observed).toHaveLength(countOf(results, 200) - 1);
  });

  it("lets edits based on one version race opens: either the edit or the open, never an edit of a live roll call", async () => {
    const id = await schedule("修改与开始");
    const { version } = await db.prisma.rollCall.findUniqueOrThrow({ where: { id } });
    const results = await times(TIMES, (i) =>
      i % 2 ? officer.call("updateRollCall", { params: { id }, body: { version, title: `改名 ${i}` } }) : officer.call("openRollCall", { params: { id } }),
    );
    expectOnly(results, [200, 409]);
    const [opened] = await events("rollcall.open", id);
    const updates = await events("rollcall.update", id);
    expect(updates.length).toBeLessThanOrEqual(1);
    expect(updates.filter((u) => u.seq > opened!.seq)).toHaveLength(0);
  });

  it("never lets a late join reported by the node overwrite an officer's mark it raced", async () => {
    const internal = { authorization: `Bearer ${config().internalSecret}` };
    let overwritten = 0;
    for (let round = 0; round < 25; round++) {
      const { id, roomId } = await live(`迟到与标记 ${round}`);
      const rollCall = await db.prisma.rollCall.findUniqueOrThrow({ where: { id } });
      const lateAt = new Date(rollCall.startsAt.getTime() + (rollCall.graceMinutes + 1) * 60_000).toISOString();
      const entries = await entriesOf(id);
      const joins = entries.map((e) => ({ type: "peer.joined", room: roomId, identity: `person:${e.personId}`, name: "x", role: "participant", at: lateAt, node: "n1" }));
      const results = await times(entries.length * 2, (i) =>
        i % 2
          ? new ApiClient().call("mediaEvents", { headers: internal, body: { events: [joins[i >> 1]] } })
          : officer.call("markRollCallEntry", { params: { id, entryId: entries[i >> 1]!.id }, body: { status: "present" } }),
      );
      expectOnly(results, [200]);
      overwritten += (await entriesOf(id)).filter((e) => e.status !== "present").length;
    }
    expect(overwritten).toBe(0);
  });

  it("cancels once for 100 concurrent cancels; the rest get 409 and write nothing", async () => {
    const id = await schedule("并发取消");
    const results = await times(TIMES, () => officer.call("cancelRollCall", { params: { id } }));
    expectOnly(results, [200, 409]);
    expect(countOf(results, 200)).toBe(1);
    expect(await events("rollcall.cancel", id)).toHaveLength(1);
  });

  it("never leaves a cancelled roll call with a live room when cancels race opens", async () => {
    const id = await schedule("取消与开始");
    const results = await times(TIMES, (i) => officer.call(i % 2 ? "cancelRollCall" : "openRollCall", { params: { id } }));
    expectOnly(results, [200, 409]);
    const rollCall = await db.prisma.rollCall.findUniqueOrThrow({ where: { id } });
    const opened = (await events("rollcall.open", id)).length;
    const cancelled = (await events("rollcall.cancel", id)).length;
    expect(opened + cancelled).toBe(1);
    expect(rollCall.state).toBe(opened ? "live" : "cancelled");
    expect(rollCall.roomId !== null).toBe(opened === 1);
  });
});
