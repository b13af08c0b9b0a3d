import { createPublicKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { signJoinToken, type JoinTokenInput } from "@/lib/media/sign-join-token";
import { startMediaNode, type NodeFixture } from "../../../server/test/support/media-node-fixture.ts";
import { TestClient } from "../../../server/test/support/test-client.ts";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { demoFixtures } from "../support/fixtures.ts";
import { openLiveRollCall } from "../support/live-roll-call.ts";

const personGrants = { publish: true, subscribe: true, observe: false, moderate: false };

/**
 * Inspection against a real media node: a superior watching is listed to nobody; a superior who
 * speaks is announced to everyone first ("上级督察已进入"), by the node, before the grant.
 */
describe("watching unseen and speaking visibly in a live roll call (portal API + real media node)", () => {
  let db: Database;
  let node: NodeFixture;
  let roomId: string;
  const clients: TestClient[] = [];
  const token = (input: Omit<JoinTokenInput, "role"> & { as: "staff" | "person" }) =>
    signJoinToken(process.env.JOIN_TOKEN_PRIVATE_KEY!, { ...input, role: input.as === "person" ? "participant" : "staff" });
  const connect = async (token: string) => {
    const client = await TestClient.connect(node.url, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    node = await startMediaNode({
      MEDIA_RTC_MIN_PORT: "44000",
      MEDIA_RTC_MAX_PORT: "44499",
      PORTAL_URL: "http://127.0.0.1:9",
      PORTAL_INTERNAL_SECRET: process.env.PORTAL_INTERNAL_SECRET!,
      // The node checks the portal's own grants here, as in production.
      JOIN_TOKEN_PUBLIC_KEY: createPublicKey(process.env.JOIN_TOKEN_PRIVATE_KEY!).export({ type: "spki", format: "pem" }).toString(),
    });
    process.env.MEDIA_INTERNAL_URL = node.url;
    db = await useSeededDatabase();
    const f = await demoFixtures(db);
    const officer = await ApiClient.signIn("hc.officer");
    ({ roomId } = await openLiveRollCall(officer, { title: "督察测试", unitId: f.unit("荷城司法所"), personIds: f.hcPersonIds }));
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await node?.stop();
    await closeDatabase();
  });

  it("lists a watching superior to nobody, and tells everyone when one joins to speak", async () => {
    const officer = await connect(await token({ sub: "user:officer", name: "李晓梅", room: roomId, kind: "rollcall", as: "staff", grants: { ...personGrants, moderate: true } }));
    await officer.join();
    const person = await connect(await token({ sub: "person:p1", name: "张三", room: roomId, kind: "rollcall", as: "person", sees: "staff", grants: personGrants }));
    await person.join();

    const moj = await ApiClient.signIn("moj.inspector");
    const watch = await moj.call("watchRoom", { params: { id: roomId }, body: { mode: "watch" } });
    expect(watch.status, JSON.stringify(watch.body)).toBe(200);
    const watcher = await connect(watch.body.token);
    const joined = await watcher.join();
    expect(joined.peers.map((p: { id: string }) => p.id).sort()).toEqual(["person:p1", "user:officer"]);
    // Neither the officer (staff, who see a room's own monitors) nor the person is told of the watcher.
    await expect(officer.waitFor("peerJoined", (p) => String(p.peer.id).startsWith("insp:"), 1000)).rejects.toThrow(/timed out/);
    await expect(person.waitFor("peerJoined", (p) => String(p.peer.id).startsWith("insp:"), 200)).rejects.toThrow(/timed out/);

    const fsAdmin = await ApiClient.signIn("fs.admin");
    const speak = await fsAdmin.call("speakInRoom", { params: { id: roomId } });
    expect(speak.status, JSON.stringify(speak.body)).toBe(200);
    for (const client of [officer, person]) expect((await client.waitFor("roomNotice")).text).toBe("上级督察已进入");
    const speaker = await connect(speak.body.token);
    await speaker.join();
    // Visible: the officer sees the superior join by name; so does the person (staff are seen).
    const seen = await officer.waitFor("peerJoined", (p) => p.peer.id === `insp:${speak.body.viewId}`);
    expect(seen.peer.name).toContain("（上级督察）");
    await person.waitFor("peerJoined", (p) => p.peer.id === `insp:${speak.body.viewId}`);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "inspection.speak", targetId: roomId } });
    expect(audit.data).toMatchObject({ viewId: speak.body.viewId, notice: "上级督察已进入" });
  });
});
