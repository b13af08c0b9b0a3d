import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { dataDigest, demoFixtures } from "../support/fixtures.ts";

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));

describe("watching a live roll call unseen (observer grant)", () => {
  let db: Database;
  let hcOfficer: ApiClient;
  let liveId: string;
  let scheduledId: string;
  let endedId: string;

  const schedule = async (title: string, unitId: string, personIds: string[]) => {
    const created = await hcOfficer.call("createRollCall", {
      body: { title, unitId, startsAt: new Date(Date.now() + 60_000).toISOString(), personIds },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.items[0].id as string;
  };

  beforeAll(async () => {
    db = await useSeededDatabase();
    const f = await demoFixtures(db);
    hcOfficer = await ApiClient.signIn("hc.officer");
    liveId = await schedule("荷城点名", f.unit("荷城司法所"), f.hcPersonIds);
    scheduledId = await schedule("未开始", f.unit("荷城司法所"), f.hcPersonIds);
    endedId = await schedule("已结束", f.unit("荷城司法所"), f.hcPersonIds);
    for (const id of [liveId, endedId]) expect((await hcOfficer.call("openRollCall", { params: { id } })).status).toBe(200);
    expect((await hcOfficer.call("endRollCall", { params: { id: endedId } })).status).toBe(200);
  });
  afterAll(() => closeDatabase());

  it("gives an inspector of an ancestor unit an observe-only token for the roll call's room, audited", async () => {
    const inspector = await ApiClient.signIn("fs.inspector");
    const grant = await inspector.call("observeRollCall", { params: { id: liveId } });
    expect(grant.status, JSON.stringify(grant.body)).toBe(200);
    const room = await db.prisma.rollCall.findUniqueOrThrow({ where: { id: liveId } });
    expect(grant.body).toMatchObject({ moderator: false, room: { id: room.roomId, kind: "rollcall" } });
    const claims = claimsOf(grant.body.token);
    expect(claims).toMatchObject({ room: room.roomId, role: "staff", grants: { observe: true, publish: false, moderate: false, subscribe: true } });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "rollcall.observe", targetId: liveId } });
    expect(audit.actorName).toContain("fs.inspector");
  });

  it("lets an officer of an ancestor unit watch, never moderate", async () => {
    const county = await ApiClient.signIn("gm.officer");
    const grant = await county.call("observeRollCall", { params: { id: liveId } });
    expect(grant.status).toBe(200);
    expect(claimsOf(grant.body.token).grants).toMatchObject({ observe: true, publish: false, moderate: false });
  });

  it("hides the roll call from a sibling county (not found) and refuses anyone without a staff session", async () => {
    const sibling = await ApiClient.signIn("nh.officer");
    const before = await dataDigest(db);
    const refused = await sibling.call("observeRollCall", { params: { id: liveId } });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("not_found");
    // A supervised person has a link and a ticket, never a staff session.
    const participant = await new ApiClient().call("observeRollCall", { params: { id: liveId } });
    expect(participant.status).toBe(401);
    expect(await dataDigest(db)).toBe(before);
  });

  it("refuses a roll call that is not live: not opened yet, or ended (conflict)", async () => {
    const inspector = await ApiClient.signIn("gm.inspector");
    for (const id of [scheduledId, endedId]) {
      const refused = await inspector.call("observeRollCall", { params: { id } });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("conflict");
    }
    expect(await db.prisma.auditEvent.count({ where: { action: "rollcall.observe", targetId: { in: [scheduledId, endedId] } } })).toBe(0);
  });
});
