import { describe, expect, it } from "vitest";
import { ENGINES, expectOnly, times, TIMES } from "../support/concurrency.ts";
import { useRollCallRace } from "../support/rollcall-race.ts";

/**
 * The console sends a mark again when its request outlives the deadline; the first copy may
 * still arrive. Whatever order the copies land in, the officer's newest mark is what is stored,
 * and a copy of a mark already stored is neither stored nor audited twice.
 */
describe.each(ENGINES)("a console's retried marks (%s)", (engine) => {
  const race = useRollCallRace(engine);
  const mark = (id: string, entryId: string, status: string, madeAt?: string) =>
    race.officer.call("markRollCallEntry", { params: { id, entryId }, body: { status, ...(madeAt ? { madeAt } : {}) } });

  it("answers an older copy that arrives after the officer's newer mark with the stored mark, changing nothing", async () => {
    const { id } = await race.live("迟到的重发");
    const [entry] = await race.entriesOf(id);
    const first = new Date(Date.now() - 20_000).toISOString();
    const second = new Date(Date.now() - 5_000).toISOString();

    const newer = await mark(id, entry!.id, "late", second);
    expect(newer.status).toBe(200);
    expect(newer.body).toMatchObject({ status: "late", applied: true });

    const older = await mark(id, entry!.id, "present", first);
    expect(older.status).toBe(200);
    expect(older.body).toMatchObject({ status: "late", applied: false, version: newer.body.version, markedAt: newer.body.markedAt });

    const stored = await race.db.prisma.rollCallEntry.findUniqueOrThrow({ where: { id: entry!.id } });
    expect(stored).toMatchObject({ status: "late", version: newer.body.version });
    expect(await race.events("rollcall.mark", entry!.id)).toHaveLength(1);
  });

  it("stores and audits one mark sent 100 times at once with the same click time", async () => {
    const { id } = await race.live("重发风暴");
    const [, entry] = await race.entriesOf(id);
    const madeAt = new Date().toISOString();
    const results = await times(TIMES, () => mark(id, entry!.id, "excused", madeAt));
    expectOnly(results, [200]);
    expect(results.filter((r) => r.body.applied)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.version)).size).toBe(1);
    expect(await race.events("rollcall.mark", entry!.id)).toHaveLength(1);
    const stored = await race.db.prisma.rollCallEntry.findUniqueOrThrow({ where: { id: entry!.id } });
    expect(stored).toMatchObject({ status: "excused", version: entry!.version + 1 });
  });

  it("applies another officer's mark whatever their console's clock says", async () => {
    const { id } = await race.live("两位民警");
    const [entry] = await race.entriesOf(id);
    const colleague = await race.db.prisma.user.findFirstOrThrow({ where: { username: { not: "hc.officer" } } });
    // A colleague's mark stored with a clock far ahead of this officer's.
    await race.db.prisma.rollCallEntry.update({
      where: { id: entry!.id },
      data: { status: "absent", markedAt: new Date(), markedById: colleague.id, markMadeAt: new Date(Date.now() + 3_600_000) },
    });
    const result = await mark(id, entry!.id, "present", new Date().toISOString());
    expect(result.body).toMatchObject({ status: "present", applied: true });
  });

  it("still takes a mark without a click time (API clients other than the console)", async () => {
    const { id } = await race.live("无时间标记");
    const [entry] = await race.entriesOf(id);
    expect((await mark(id, entry!.id, "present")).body).toMatchObject({ status: "present", applied: true });
    expect((await mark(id, entry!.id, "late")).body).toMatchObject({ status: "late", applied: true });
  });

  it("refuses a malformed click time and stores nothing", async () => {
    const { id } = await race.live("坏时间");
    const [entry] = await race.entriesOf(id);
    const result = await mark(id, entry!.id, "present", "yesterday");
    expect(result.status).toBe(400);
    expect((await race.db.prisma.rollCallEntry.findUniqueOrThrow({ where: { id: entry!.id } })).status).toBe("pending");
  });
});
