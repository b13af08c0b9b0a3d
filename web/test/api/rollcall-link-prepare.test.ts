import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { roomIdOf } from "@/lib/rollcalls/room-id-of";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { dataDigest, demoFixtures } from "../support/fixtures.ts";

const tokenOf = (link: string) => link.replace(/^\/r\//, "");

/**
 * Issue 14: a verified person waiting on its link connects to the media node before the call
 * opens. `prepare` gives a prepare-only token for the room the roll call will have (the node lets
 * it connect, never join), from the console's lead time on; once live, the join token. It changes
 * nothing, and it is no way around the verification.
 */
describe("preparing a waiting person's connection before the roll call opens", () => {
  let db: Database;
  let officer: ApiClient;
  let unitId: string;
  let personIds: string[];
  const anonymous = new ApiClient();

  /** A roll call starting in `inMs`, and its first person's link, verified. */
  const waitingPerson = async (title: string, inMs = 60_000) => {
    const created = await officer.call("createRollCall", {
      body: { title, unitId, startsAt: new Date(Date.now() + inMs).toISOString(), personIds },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.items[0].id as string;
    const entry = (await officer.call("getRollCall", { params: { id } })).body.entries[0] as { personId: string; link: string };
    const token = tokenOf(entry.link);
    const { idLast4 } = await db.prisma.supervisedPerson.findUniqueOrThrow({ where: { id: entry.personId } });
    const verified = await anonymous.call("verifyRollCallLink", { params: { token }, body: { idLast4 } });
    expect(verified.status).toBe(200);
    return { id, token, ticket: verified.body.ticket as string, personId: entry.personId };
  };
  const prepare = (token: string, body: unknown) => anonymous.call("prepareRollCallByLink", { params: { token }, body: body as { ticket: string } });

  beforeAll(async () => {
    db = await useSeededDatabase();
    const f = await demoFixtures(db);
    unitId = f.unit("荷城司法所");
    personIds = f.hcPersonIds;
    officer = await ApiClient.signIn("hc.officer");
  });
  afterAll(() => closeDatabase());

  it("gives a prepare-only token for the room open will create, changing nothing; once live, the join token", async () => {
    const { id, token, ticket, personId } = await waitingPerson("等待准备");
    const before = await dataDigest(db);
    const prepared = await prepare(token, { ticket });
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
    expect(prepared.body).toMatchObject({ state: "prepared", grant: { moderator: false, room: { id: roomIdOf(id), kind: "rollcall" } } });
    const claims = decodeJwt(prepared.body.grant.token);
    expect(claims).toMatchObject({
      room: roomIdOf(id),
      kind: "rollcall",
      sub: `person:${personId}`,
      role: "participant",
      as: "person",
      sees: "staff",
      prepareOnly: true,
      grants: { publish: true, subscribe: true, observe: false, moderate: false },
    });
    expect(claims.exp! - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(10 * 60);
    expect(await dataDigest(db)).toBe(before);
    expect((await anonymous.call("joinRollCallByLink", { params: { token }, body: { ticket } })).status).toBe(409);

    expect((await officer.call("openRollCall", { params: { id } })).status).toBe(200);
    const live = await prepare(token, { ticket });
    expect(live.body).toMatchObject({ state: "live", grant: { room: { id: roomIdOf(id) } } });
    const joined = await anonymous.call("joinRollCallByLink", { params: { token }, body: { ticket } });
    const { exp: _a, iat: _b, prepareOnly, ...liveClaims } = decodeJwt(live.body.grant.token);
    const { exp: _c, iat: _d, ...joinClaims } = decodeJwt(joined.body.token);
    expect(prepareOnly).toBeUndefined();
    // The same bearer, room and node as the prepare-only token: the node adopts it on the prepared socket.
    expect(liveClaims).toEqual(joinClaims);
    const { exp: _e, iat: _f, prepareOnly: _g, ...preparedClaims } = claims;
    expect(preparedClaims).toEqual(joinClaims);
  });

  it("says when it may prepare to a link opened long before the start, and holds nothing until then", async () => {
    const { id, token, ticket } = await waitingPerson("两小时后", 2 * 3_600_000);
    const startsAt = (await db.prisma.rollCall.findUniqueOrThrow({ where: { id } })).startsAt;
    const early = await prepare(token, { ticket });
    expect(early.status).toBe(200);
    expect(early.body).toEqual({ state: "early", preparesAt: new Date(startsAt.getTime() - 15 * 60_000).toISOString() });
  });

  it("is no way around the verification: no ticket, another link's, a retired one, malformed input; each changes nothing", async () => {
    const a = await waitingPerson("验证之后");
    const b = await waitingPerson("别人的链接");
    const before = await dataDigest(db);
    expect((await prepare(a.token, { ticket: "x" })).status).toBe(403);
    expect((await prepare(a.token, { ticket: b.ticket })).status).toBe(403);
    const forged = `${a.token.slice(0, -1)}${a.token.endsWith("A") ? "B" : "A"}`;
    expect((await prepare(forged, { ticket: a.ticket })).status).toBe(404);
    expect((await prepare("not-a-link", { ticket: a.ticket })).status).toBe(400);
    for (const body of [{}, { ticket: "" }, { ticket: a.ticket, extra: 1 }, { ticket: "t".repeat(101) }, "ticket"]) {
      const bad = await prepare(a.token, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code).toMatch(/^invalid_(input|json)$/);
    }
    expect(await dataDigest(db)).toBe(before);
    // The code entered again (another browser): this browser's ticket is retired with it.
    const { idLast4 } = await db.prisma.supervisedPerson.findUniqueOrThrow({ where: { id: a.personId } });
    expect((await anonymous.call("verifyRollCallLink", { params: { token: a.token }, body: { idLast4 } })).status).toBe(200);
    expect((await prepare(a.token, { ticket: a.ticket })).status).toBe(403);
  });

  it("answers 100 concurrent prepares alike, and still changes nothing", async () => {
    const { id, token, ticket } = await waitingPerson("并发等待");
    const before = await dataDigest(db);
    const answers = await Promise.all(Array.from({ length: 100 }, () => prepare(token, { ticket })));
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    expect(new Set(answers.map((a) => `${a.body.state}:${a.body.grant.room.id}`))).toEqual(new Set([`prepared:${roomIdOf(id)}`]));
    expect(await dataDigest(db)).toBe(before);
  });

  it("stops with the roll call: ended or cancelled, the link says so", async () => {
    const ended = await waitingPerson("已结束");
    expect((await officer.call("openRollCall", { params: { id: ended.id } })).status).toBe(200);
    expect((await officer.call("endRollCall", { params: { id: ended.id } })).status).toBe(200);
    const afterEnd = await prepare(ended.token, { ticket: ended.ticket });
    expect(afterEnd.status).toBe(409);
    expect(afterEnd.body.error.fields).toEqual({ link: "ended" });

    const cancelled = await waitingPerson("已取消");
    expect((await officer.call("cancelRollCall", { params: { id: cancelled.id }, body: { reason: "测试取消" } })).status).toBe(200);
    const afterCancel = await prepare(cancelled.token, { ticket: cancelled.ticket });
    expect(afterCancel.status).toBe(409);
    expect(afterCancel.body.error.fields).toEqual({ link: "cancelled" });
  });
});
