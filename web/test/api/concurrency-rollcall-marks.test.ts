import { describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { TINY_JPEG } from "../support/fixtures.ts";
import { ApiClient } from "../support/api-client.ts";
import { countOf, ENGINES, expectOnly, times, TIMES } from "../support/concurrency.ts";
import { useRollCallRace } from "../support/rollcall-race.ts";

/**
 * What lands on a live roll call's entries — marks, calls, verdicts, snapshots, observers' looks,
 * the node's join reports — sent 100 at once and racing the end: each lands wholly before the end
 * or is refused, and one entry's audit trail says what is stored.
 */
describe.each(ENGINES)("marks and console actions racing each other and the end (%s)", (engine) => {
  const race = useRollCallRace(engine);

  it("keeps the stored mark, the version and the audit chain of one entry in step under 100 concurrent marks", async () => {
    const { id } = await race.live("并发标记");
    const [entry] = await race.entriesOf(id);
    const statuses = ["present", "late", "excused", "absent"] as const;
    const results = await times(TIMES, (i) => race.officer.call("markRollCallEntry", { params: { id, entryId: entry!.id }, body: { status: statuses[i % 4] } }));
    expectOnly(results, [200]);
    const stored = await race.db.prisma.rollCallEntry.findUniqueOrThrow({ where: { id: entry!.id } });
    expect(stored.version).toBe(entry!.version + TIMES);
    expect(new Set(results.map((r) => r.body.version)).size).toBe(TIMES);
    const marks = await race.events("rollcall.mark", entry!.id);
    expect(marks).toHaveLength(TIMES);
    // Each audited change starts from what the previous one stored; the last is what is stored.
    const broken = marks.filter((e, i) => (e.data as { before: string }).before !== (i === 0 ? "pending" : (marks[i - 1]!.data as { after: string }).after));
    expect(broken.map((e) => e.data)).toEqual([]);
    expect((marks.at(-1)!.data as { after: string }).after).toBe(stored.status);
  });

  it("lands every mark either before the end (a mark) or not at all (no reason given): never a silent mark after 缺席", async () => {
    const { id } = await race.live("标记与结束");
    const entries = await race.entriesOf(id);
    const results = await times(TIMES, (i) =>
      i === TIMES / 2
        ? race.officer.call("endRollCall", { params: { id } })
        : race.officer.call("markRollCallEntry", { params: { id, entryId: entries[i % entries.length]!.id }, body: { status: "present" } }),
    );
    expectOnly(results, [200, 400]);
    expect(results[TIMES / 2]!.status).toBe(200);
    const [end] = await race.events("rollcall.end", id);
    const marks = await race.db.prisma.auditEvent.findMany({ where: { action: { in: ["rollcall.mark", "rollcall.mark_override"] }, targetId: { in: entries.map((e) => e.id) } } });
    expect(marks.filter((m) => m.seq > end!.seq || m.action === "rollcall.mark_override")).toEqual([]);
    expect(marks).toHaveLength(countOf(results, 200) - 1);
    const markedBeforeEnd = new Set(marks.map((m) => m.targetId));
    for (const e of await race.entriesOf(id)) expect(e.status).toBe(markedBeforeEnd.has(e.id) ? "present" : "absent");
    expect((end!.data as { autoAbsent: number }).autoAbsent).toBe(entries.length - markedBeforeEnd.size);
  });

  it("lands every call, verdict and snapshot racing the end before it, or refuses it with 409", async () => {
    const { id } = await race.live("操作与结束");
    const entries = await race.entriesOf(id);
    for (const e of entries) await race.officer.call("callRollCallEntry", { params: { id, entryId: e.id } });
    const actions = [
      (entryId: string) => race.officer.call("callRollCallEntry", { params: { id, entryId } }),
      (entryId: string) => race.officer.call("judgeRollCallChallenge", { params: { id, entryId }, body: { result: "passed" } }),
      (entryId: string) => race.officer.call("storeRollCallEvidence", { params: { id, entryId }, body: { jpegBase64: TINY_JPEG, width: 16, height: 16 } }),
    ];
    const results = await times(TIMES, (i) =>
      i === TIMES / 2 ? race.officer.call("endRollCall", { params: { id } }) : actions[i % 3]!(entries[i % entries.length]!.id),
    );
    expectOnly(results, [200, 201, 409]);
    const [end] = await race.events("rollcall.end", id);
    const late = await race.db.prisma.auditEvent.findMany({
      where: { action: { in: ["rollcall.call", "rollcall.challenge_judged", "rollcall.evidence"] }, targetId: { in: entries.map((e) => e.id) }, seq: { gt: end!.seq } },
    });
    expect(late.map((e) => e.action)).toEqual([]);
    const snapshotsAfterEnd = await race.db.prisma.rollCallEvidence.count({ where: { entryId: { in: entries.map((e) => e.id) }, takenAt: { gt: end!.at } } });
    expect(snapshotsAfterEnd).toBe(0);
  });

  it("gives no observer a grant, nor audits a look, after the end it raced", async () => {
    const { id } = await race.live("观看与结束");
    const inspector = await ApiClient.signIn("gm.inspector");
    const results = await times(TIMES, (i) => (i === TIMES / 2 ? race.officer.call("endRollCall", { params: { id } }) : inspector.call("observeRollCall", { params: { id } })));
    expectOnly(results, [200, 409]);
    const [end] = await race.events("rollcall.end", id);
    const observed = await race.events("rollcall.observe", id);
    expect(observed.filter((e) => e.seq > end!.seq)).toHaveLength(0);
    expect(observed).toHaveLength(countOf(results, 200) - 1);
  });

  it("never lets a late join reported by the node overwrite an officer's mark it raced", async () => {
    const internal = { authorization: `Bearer ${config().internalSecret}` };
    let overwritten = 0;
    for (let round = 0; round < 25; round++) {
      const { id, roomId } = await race.live(`迟到与标记 ${round}`);
      const rollCall = await race.db.prisma.rollCall.findUniqueOrThrow({ where: { id } });
      const lateAt = new Date(rollCall.startsAt.getTime() + (rollCall.graceMinutes + 1) * 60_000).toISOString();
      const entries = await race.entriesOf(id);
      const joins = entries.map((e) => ({ type: "peer.joined", room: roomId, identity: `person:${e.personId}`, name: "x", role: "participant", at: lateAt, node: "n1" }));
      const results = await times(entries.length * 2, (i) =>
        i % 2
          ? new ApiClient().call("mediaEvents", { headers: internal, body: { events: [joins[i >> 1]] } })
          : race.officer.call("markRollCallEntry", { params: { id, entryId: entries[i >> 1]!.id }, body: { status: "present" } }),
      );
      expectOnly(results, [200]);
      overwritten += (await race.entriesOf(id)).filter((e) => e.status !== "present").length;
    }
    expect(overwritten).toBe(0);
  });
});
