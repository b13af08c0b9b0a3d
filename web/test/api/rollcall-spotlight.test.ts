import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { startMediaNode, type NodeFixture } from "../../../server/test/support/media-node-fixture.ts";
import { TestClient } from "../../../server/test/support/test-client.ts";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { openLiveRollCall } from "../support/live-roll-call.ts";
import { ApiClient } from "../support/api-client.ts";
import { demoFixtures } from "../support/fixtures.ts";

const personGrants = { publish: true, subscribe: true, observe: false, moderate: false };

/**
 * After a mark the person's phone kept showing "正在点到你的名字" and the challenge until someone
 * else was called. The portal now tells a real media node to clear the spotlight.
 */
describe("a mark ends the call on every page (portal API + real media node)", () => {
  let db: Database;
  let node: NodeFixture;
  let officer: ApiClient;
  let rollCallId: string;
  let roomId: string;
  let entries: Array<{ id: string; personId: string; personName: string }>;
  const clients: TestClient[] = [];
  const join = async (entry: (typeof entries)[number]) => {
    const token = await node.token({ sub: `person:${entry.personId}`, name: entry.personName, room: roomId, kind: "rollcall", as: "person", sees: "staff", grants: personGrants });
    const client = await TestClient.connect(node.url, token);
    clients.push(client);
    await client.join();
    return client;
  };
  const cleared = (client: TestClient, timeoutMs?: number) => client.waitFor("spotlight", (s) => s.peerId === null, timeoutMs);

  beforeAll(async () => {
    node = await startMediaNode({
      MEDIA_RTC_MIN_PORT: "43500",
      MEDIA_RTC_MAX_PORT: "43999",
      PORTAL_URL: "http://127.0.0.1:9",
      PORTAL_INTERNAL_SECRET: process.env.PORTAL_INTERNAL_SECRET!,
    });
    // The portal reads its config once, on first use: point it at this node before that.
    process.env.MEDIA_INTERNAL_URL = node.url;
    db = await useSeededDatabase();
    const f = await demoFixtures(db);
    officer = await ApiClient.signIn("hc.officer");
    ({ id: rollCallId, roomId } = await openLiveRollCall(officer, { title: "点到即清", unitId: f.unit("荷城司法所"), personIds: f.hcPersonIds }));
    entries = (await officer.call("getRollCall", { params: { id: rollCallId } })).body.entries;
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await node?.stop();
    await closeDatabase();
  });

  it("clears the spotlight and the challenge once the called person is marked, not when someone else is", async () => {
    const [a, b] = [entries[0]!, entries[1]!];
    const person = await join(a);
    const called = await officer.call("callRollCallEntry", { params: { id: rollCallId, entryId: a.id } });
    expect(called.body.delivered).toBe(true);
    expect(await person.waitFor("spotlight")).toEqual({ peerId: `person:${a.personId}`, name: a.personName });
    await person.waitFor("challenge");

    // 请假 for someone else from the roster: the call in progress stays.
    expect((await officer.call("markRollCallEntry", { params: { id: rollCallId, entryId: b.id }, body: { status: "excused" } })).status).toBe(200);
    await expect(cleared(person, 500)).rejects.toThrow(/timed out/);

    expect((await officer.call("markRollCallEntry", { params: { id: rollCallId, entryId: a.id }, body: { status: "present" } })).status).toBe(200);
    expect(await cleared(person)).toEqual({ peerId: null, name: null });
  });

  it("clears it again when a call that was already marked gets its verdict", async () => {
    const c = entries[2]!;
    const person = await join(c);
    const clears = () => person.received.filter((r) => r.event === "spotlight" && (r.payload as { peerId: unknown }).peerId === null).length;
    await officer.call("markRollCallEntry", { params: { id: rollCallId, entryId: c.id }, body: { status: "late" } });
    // Called again after the mark (a second look): the verdict is what closes this call.
    await officer.call("callRollCallEntry", { params: { id: rollCallId, entryId: c.id } });
    await person.waitFor("spotlight", (s) => s.peerId === `person:${c.personId}`);
    const before = clears();
    expect((await officer.call("judgeRollCallChallenge", { params: { id: rollCallId, entryId: c.id }, body: { result: "passed" } })).status).toBe(200);
    await expect.poll(clears).toBe(before + 1);
  });
});
