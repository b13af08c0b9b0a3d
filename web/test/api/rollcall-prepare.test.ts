import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { roomIdOf } from "@/lib/rollcalls/room-id-of";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { dataDigest, demoFixtures } from "../support/fixtures.ts";

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));

/**
 * Issue 14: the console is connected before the call opens. `prepare` hands the host a token for
 * the room the roll call will have, and changes nothing: no Room row, no state, no audit, nobody
 * waiting told. `open` then creates the room with exactly that id.
 */
describe("preparing a roll call's console before the call opens", () => {
  let db: Database;
  let hcOfficer: ApiClient;
  let unitId: string;
  let personIds: string[];

  const schedule = async (title: string, inMs = 60_000) => {
    const created = await hcOfficer.call("createRollCall", {
      body: { title, unitId, startsAt: new Date(Date.now() + inMs).toISOString(), personIds },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.items[0].id as string;
  };

  beforeAll(async () => {
    db = await useSeededDatabase();
    const f = await demoFixtures(db);
    unitId = f.unit("荷城司法所");
    personIds = f.hcPersonIds;
    hcOfficer = await ApiClient.signIn("hc.officer");
  });
  afterAll(() => closeDatabase());

  it("gives the host a short-lived token for the room open will create, changing nothing", async () => {
    const id = await schedule("准备点名");
    const before = await dataDigest(db);
    const prepared = await hcOfficer.call("prepareRollCall", { params: { id } });
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
    expect(prepared.body).toMatchObject({ rollCallId: id, opened: false, grant: { moderator: true, room: { id: roomIdOf(id), kind: "rollcall" } } });
    const claims = claimsOf(prepared.body.grant.token);
    expect(claims).toMatchObject({ room: roomIdOf(id), kind: "rollcall", role: "staff", grants: { publish: true, moderate: true, observe: false } });
    expect(claims.exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(10 * 60);
    expect(await dataDigest(db)).toBe(before);
    expect((await db.prisma.rollCall.findUniqueOrThrow({ where: { id } })).state).toBe("scheduled");

    const opened = await hcOfficer.call("openRollCall", { params: { id } });
    expect(opened.status).toBe(200);
    expect(opened.body.grant.room.id).toBe(roomIdOf(id));
    expect((await db.prisma.rollCall.findUniqueOrThrow({ where: { id } })).roomId).toBe(roomIdOf(id));
    // A console reloaded (or another tab) after the open: a token for the same room, still no change.
    const again = await hcOfficer.call("prepareRollCall", { params: { id } });
    expect(again.body).toMatchObject({ opened: true, grant: { room: { id: roomIdOf(id) } } });
  });

  it("refuses a bad id with a typed 400 that changes nothing", async () => {
    const before = await dataDigest(db);
    const bad = await hcOfficer.call("prepareRollCall", { params: { id: "not-a-uuid" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "invalid_input", fields: { id: "invalid_format" } });
    expect(await dataDigest(db)).toBe(before);
  });

  it("refuses another unit's officer (404), a superior (403), an ended roll call and one not yet due (409)", async () => {
    const id = await schedule("别人的点名");
    const [sibling, county] = [await ApiClient.signIn("nh.officer"), await ApiClient.signIn("gm.officer")];
    const before = await dataDigest(db);
    expect((await sibling.call("prepareRollCall", { params: { id } })).status).toBe(404);
    const superior = await county.call("prepareRollCall", { params: { id } });
    expect(superior.status).toBe(403);
    expect(superior.body.error.code).toBe("forbidden");
    const anonymous = await new ApiClient().call("prepareRollCall", { params: { id } });
    expect(anonymous.status).toBe(401);
    expect(await dataDigest(db)).toBe(before);

    const ended = await schedule("已结束");
    expect((await hcOfficer.call("openRollCall", { params: { id: ended } })).status).toBe(200);
    expect((await hcOfficer.call("endRollCall", { params: { id: ended } })).status).toBe(200);
    const late = await hcOfficer.call("prepareRollCall", { params: { id: ended } });
    expect(late.status).toBe(409);
    expect(late.body.error.fields).toEqual({ state: "ended" });

    const later = await schedule("两小时后", 2 * 3_600_000);
    const early = await hcOfficer.call("prepareRollCall", { params: { id: later } });
    expect(early.status).toBe(409);
    expect(early.body.error.fields).toEqual({ startsAt: "console_not_open" });
  });

  it("answers 100 concurrent prepares alike, and still changes nothing", async () => {
    const id = await schedule("并发准备");
    const before = await dataDigest(db);
    const answers = await Promise.all(Array.from({ length: 100 }, () => hcOfficer.call("prepareRollCall", { params: { id } })));
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    expect(new Set(answers.map((a) => a.body.grant.room.id))).toEqual(new Set([roomIdOf(id)]));
    expect(await dataDigest(db)).toBe(before);
  });
});
