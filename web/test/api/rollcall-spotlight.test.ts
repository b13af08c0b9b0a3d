import { describe, expect, it } from "vitest";
import type { TestClient } from "../../../server/test/support/test-client.ts";
import { useLiveRollCallWithNode } from "../support/live-roll-call-with-node.ts";

/**
 * After a mark the person's phone kept showing "正在点到你的名字" and the challenge until someone
 * else was called. The portal now tells a real media node to clear the spotlight.
 */
describe("a mark ends the call on every page (portal API + real media node)", () => {
  const fx = useLiveRollCallWithNode({ title: "点到即清", rtcPorts: [43500, 43999] });
  const cleared = (client: TestClient, timeoutMs?: number) => client.waitFor("spotlight", (s) => s.peerId === null, timeoutMs);

  it("clears the spotlight and the challenge once the called person is marked, not when someone else is", async () => {
    const [a, b] = [fx.entries[0]!, fx.entries[1]!];
    const person = await fx.join(a);
    const called = await fx.officer.call("callRollCallEntry", { params: { id: fx.rollCallId, entryId: a.id } });
    expect(called.body.delivered).toBe(true);
    expect(await person.waitFor("spotlight")).toEqual({ peerId: `person:${a.personId}`, name: a.personName });
    await person.waitFor("challenge");

    // 请假 for someone else from the roster: the call in progress stays.
    expect((await fx.officer.call("markRollCallEntry", { params: { id: fx.rollCallId, entryId: b.id }, body: { status: "excused" } })).status).toBe(200);
    await expect(cleared(person, 500)).rejects.toThrow(/timed out/);

    expect((await fx.officer.call("markRollCallEntry", { params: { id: fx.rollCallId, entryId: a.id }, body: { status: "present" } })).status).toBe(200);
    expect(await cleared(person)).toEqual({ peerId: null, name: null });
  });

  it("clears it again when a call that was already marked gets its verdict", async () => {
    const c = fx.entries[2]!;
    const person = await fx.join(c);
    const clears = () => person.received.filter((r) => r.event === "spotlight" && (r.payload as { peerId: unknown }).peerId === null).length;
    await fx.officer.call("markRollCallEntry", { params: { id: fx.rollCallId, entryId: c.id }, body: { status: "late" } });
    // Called again after the mark (a second look): the verdict is what closes this call.
    await fx.officer.call("callRollCallEntry", { params: { id: fx.rollCallId, entryId: c.id } });
    await person.waitFor("spotlight", (s) => s.peerId === `person:${c.personId}`);
    const before = clears();
    expect((await fx.officer.call("judgeRollCallChallenge", { params: { id: fx.rollCallId, entryId: c.id }, body: { result: "passed" } })).status).toBe(200);
    await expect.poll(clears).toBe(before + 1);
  });
});
