import { describe, expect, it } from "vitest";
import { countOf, ENGINES, expectOnly, times, TIMES } from "../support/concurrency.ts";
import { useRollCallRace } from "../support/rollcall-race.ts";

/**
 * Opening, ending, editing and cancelling a roll call 100 times at once, as a double-clicking
 * console or a hostile host would. Each used to check the state, await, then write: several saw
 * "scheduled" or "live" and all acted (rooms, audit events, a cancelled roll call with a room).
 */
describe.each(ENGINES)("opening, ending and cancelling a roll call under 100 concurrent requests (%s)", (engine) => {
  const race = useRollCallRace(engine);

  it("opens one room for 100 concurrent opens, and every host token names it", async () => {
    const id = await race.schedule("并发开始");
    const results = await times(TIMES, () => race.officer.call("openRollCall", { params: { id } }));
    expectOnly(results, [200]);
    const roomIds = new Set(results.map((r) => r.body.grant.room.id));
    expect(roomIds.size).toBe(1);
    expect(await race.db.prisma.room.count({ where: { kind: "rollcall", title: "并发开始" } })).toBe(1);
    expect(await race.events("rollcall.open", id)).toHaveLength(1);
  });

  it("ends once for 100 concurrent ends: one audit event", async () => {
    const { id } = await race.live("并发结束");
    const results = await times(TIMES, () => race.officer.call("endRollCall", { params: { id } }));
    expectOnly(results, [200]);
    expect(await race.events("rollcall.end", id)).toHaveLength(1);
  });

  it("lets edits based on one version race opens: either the edit or the open, never an edit of a live roll call", async () => {
    const id = await race.schedule("修改与开始");
    const { version } = await race.db.prisma.rollCall.findUniqueOrThrow({ where: { id } });
    const results = await times(TIMES, (i) =>
      i % 2 ? race.officer.call("updateRollCall", { params: { id }, body: { version, title: `改名 ${i}` } }) : race.officer.call("openRollCall", { params: { id } }),
    );
    expectOnly(results, [200, 409]);
    const [opened] = await race.events("rollcall.open", id);
    const updates = await race.events("rollcall.update", id);
    expect(updates.length).toBeLessThanOrEqual(1);
    expect(updates.filter((u) => u.seq > opened!.seq)).toHaveLength(0);
  });

  it("cancels once for 100 concurrent cancels; the rest get 409 and write nothing", async () => {
    const id = await race.schedule("并发取消");
    const results = await times(TIMES, () => race.officer.call("cancelRollCall", { params: { id } }));
    expectOnly(results, [200, 409]);
    expect(countOf(results, 200)).toBe(1);
    expect(await race.events("rollcall.cancel", id)).toHaveLength(1);
  });

  it("never leaves a cancelled roll call with a live room when cancels race opens", async () => {
    const id = await race.schedule("取消与开始");
    const results = await times(TIMES, (i) => race.officer.call(i % 2 ? "cancelRollCall" : "openRollCall", { params: { id } }));
    expectOnly(results, [200, 409]);
    const rollCall = await race.db.prisma.rollCall.findUniqueOrThrow({ where: { id } });
    const opened = (await race.events("rollcall.open", id)).length;
    const cancelled = (await race.events("rollcall.cancel", id)).length;
    expect(opened + cancelled).toBe(1);
    expect(rollCall.state).toBe(opened ? "live" : "cancelled");
    expect(rollCall.roomId !== null).toBe(opened === 1);
  });
});
