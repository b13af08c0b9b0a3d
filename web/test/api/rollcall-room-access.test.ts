import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { openLiveRollCall } from "../support/live-roll-call.ts";
import { ApiClient } from "../support/api-client.ts";
import { dataDigest, demoFixtures } from "../support/fixtures.ts";

/**
 * A stranger joined a live roll call through the guest link its room had under 会议室. A roll
 * call's room is not a meeting: no invite codes, not listed, and invite routes refuse it.
 */
describe("a roll call's room opens only through the roll call's own grants", () => {
  let db: Database;
  let officer: ApiClient;
  let rollCallId: string;
  let roomId: string;
  let legacyRoomId: string;

  beforeAll(async () => {
    db = await useSeededDatabase();
    const f = await demoFixtures(db);
    officer = await ApiClient.signIn("hc.officer");
    ({ id: rollCallId, roomId } = await openLiveRollCall(officer, { title: "入会权限", unitId: f.unit("荷城司法所"), personIds: f.hcPersonIds }));
    // A roll call opened before this fix, whose room still has codes in the database.
    legacyRoomId = (await db.prisma.rollCall.findUniqueOrThrow({ where: { id: f.liveRollCall } })).roomId!;
  });
  afterAll(() => closeDatabase());

  it("creates the room without host or guest codes", async () => {
    const room = await db.prisma.room.findUniqueOrThrow({ where: { id: roomId } });
    expect(room).toMatchObject({ kind: "rollcall", hostCode: null, guestCode: null });
  });

  it("refuses a roll-call room's guest (and host) code on /join, to anyone, changing nothing", async () => {
    const legacy = await db.prisma.room.findUniqueOrThrow({ where: { id: legacyRoomId } });
    expect(legacy.guestCode).toBeTruthy();
    const before = await dataDigest(db);
    const stranger = await new ApiClient().call("joinByCode", { params: { code: legacy.guestCode! }, body: { name: "陌生人" } });
    expect(stranger.status).toBe(404);
    expect(stranger.body).not.toHaveProperty("token");
    expect(await dataDigest(db)).toBe(before);
    const county = await ApiClient.signIn("gm.officer");
    const signedIn = await dataDigest(db);
    expect((await county.call("joinByCode", { params: { code: legacy.hostCode! }, body: {} })).status).toBe(404);
    expect(await dataDigest(db)).toBe(signedIn);
  });

  it("does not list roll-call rooms under 会议室, and their detail has no links", async () => {
    for (const username of ["hc.officer", "gm.officer", "gm.inspector"]) {
      const client = await ApiClient.signIn(username);
      const list = await client.call("listRooms");
      expect(list.status).toBe(200);
      expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(roomId);
      expect(list.body.items.every((r: { kind: string }) => r.kind === "meeting")).toBe(true);
    }
    const county = await ApiClient.signIn("gm.officer");
    for (const id of [roomId, legacyRoomId]) {
      const detail = await county.call("getRoom", { params: { id } });
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ kind: "rollcall", hostLink: null, guestLink: null });
    }
  });

  it("names the room's kind and the bearer's role in every token it issues for the room", async () => {
    const host = (await officer.call("openRollCall", { params: { id: rollCallId } })).body.grant.token;
    expect(decodeJwt(host)).toMatchObject({ room: roomId, kind: "rollcall", as: "staff" });
    const watcher = (await (await ApiClient.signIn("gm.inspector")).call("observeRollCall", { params: { id: rollCallId } })).body.token;
    expect(decodeJwt(watcher)).toMatchObject({ room: roomId, kind: "rollcall", as: "observer" });
  });

  it("gives the room's staff token (rooms API) only to whoever runs the roll call", async () => {
    expect((await officer.call("roomJoinToken", { params: { id: roomId } })).body.moderator).toBe(true);
    for (const username of ["gm.officer", "gm.inspector"]) {
      const refused = await (await ApiClient.signIn(username)).call("roomJoinToken", { params: { id: roomId } });
      expect(refused.status).toBe(403);
    }
  });
});
