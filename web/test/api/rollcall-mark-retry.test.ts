import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ENGINES, expectOnly, times, TIMES } from "../support/concurrency.ts";
import { useRollCallRace } from "../support/rollcall-race.ts";

/**
 * The console sends a mark again when its request outlives the deadline; the first copy may
 * still arrive. Whatever order the copies land in, the tab's newest mark is what is stored, and a
 * copy of a mark already stored is neither stored nor audited twice.
 */
describe.each(ENGINES)("a console's retried marks (%s)", (engine) => {
  const race = useRollCallRace(engine);
  const mark = (id: string, entryId: string, status: string, origin?: { console: string; seq: number }) =>
    race.officer.call("markRollCallEntry", { params: { id, entryId }, body: { status, ...(origin ? { origin } : {}) } });

  it("answers an older copy that arrives after the tab's newer mark with the stored mark, changing nothing", async () => {
    const { id } = await race.live("迟到的重发");
    const [entry] = await race.entriesOf(id);
    const tab = randomUUID();

    const newer = await mark(id, entry!.id, "late", { console: tab, seq: 8 });
    expect(newer.status).toBe(200);
    expect(newer.body).toMatchObject({ status: "late", applied: true });

    const older = await mark(id, entry!.id, "present", { console: tab, seq: 7 });
    expect(older.status).toBe(200);
    expect(older.body).toMatchObject({ status: "late", applied: false, version: newer.body.version, markedAt: newer.body.markedAt });

    const stored = await race.db.prisma.rollCallEntry.findUniqueOrThrow({ where: { id: entry!.id } });
    expect(stored).toMatchObject({ status: "late", version: newer.body.version });
    expect(await race.events("rollcall.mark", entry!.id)).toHaveLength(1);

    // The tab's next mark is applied as usual.
    expect((await mark(id, entry!.id, "excused", { console: tab, seq: 9 })).body).toMatchObject({ status: "excused", applied: true });
  });

  it("stores and audits one mark sent 100 times at once under the same number", async () => {
    const { id } = await race.live("重发风暴");
    const [, entry] = await race.entriesOf(id);
    const origin = { console: randomUUID(), seq: 1 };
    const results = await times(TIMES, () => mark(id, entry!.id, "excused", origin));
    expectOnly(results, [200]);
    expect(results.filter((r) => r.body.applied)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.version)).size).toBe(1);
    expect(await race.events("rollcall.mark", entry!.id)).toHaveLength(1);
    const stored = await race.db.prisma.rollCallEntry.findUniqueOrThrow({ where: { id: entry!.id } });
    expect(stored).toMatchObject({ status: "excused", version: entry!.version + 1 });
  });

  it("applies a mark from another tab or device in the order it arrives, whatever its number", async () => {
    const { id } = await race.live("两个窗口");
    const [entry] = await race.entriesOf(id);
    await mark(id, entry!.id, "absent", { console: randomUUID(), seq: 500 });
    const result = await mark(id, entry!.id, "present", { console: randomUUID(), seq: 1 });
    expect(result.body).toMatchObject({ status: "present", applied: true });
  });

  it("still takes a mark without a number (API clients other than the console)", async () => {
    const { id } = await race.live("无编号标记");
    const [entry] = await race.entriesOf(id);
    await mark(id, entry!.id, "absent", { console: randomUUID(), seq: 3 });
    expect((await mark(id, entry!.id, "present")).body).toMatchObject({ status: "present", applied: true });
    expect((await mark(id, entry!.id, "late")).body).toMatchObject({ status: "late", applied: true });
  });

  it.each([
    ["a tab id that is not a UUID", { console: "tab-1", seq: 1 }],
    ["a number below 1", { console: "7d0f5a2e-1c1b-4c55-9a3e-2f0a9c1d6b11", seq: 0 }],
    ["a fractional number", { console: "7d0f5a2e-1c1b-4c55-9a3e-2f0a9c1d6b11", seq: 1.5 }],
    ["a number beyond 32 bits", { console: "7d0f5a2e-1c1b-4c55-9a3e-2f0a9c1d6b11", seq: 2 ** 31 }],
    ["an extra field", { console: "7d0f5a2e-1c1b-4c55-9a3e-2f0a9c1d6b11", seq: 1, at: "now" }],
  ])("refuses %s with 400 and stores nothing", async (_, origin) => {
    const { id } = await race.live("坏编号");
    const [entry] = await race.entriesOf(id);
    const result = await mark(id, entry!.id, "present", origin as { console: string; seq: number });
    expect(result.status).toBe(400);
    expect((await race.db.prisma.rollCallEntry.findUniqueOrThrow({ where: { id: entry!.id } })).status).toBe("pending");
  });
});
