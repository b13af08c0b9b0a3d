import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { demoFixtures } from "../support/fixtures.ts";

describe("audit chain", () => {
  let db: Database;
  beforeAll(async () => {
    db = await useSeededDatabase();
  });
  afterAll(() => closeDatabase());

  it("records every state change with actor, action and target, in a chain that verifies", async () => {
    const f = await demoFixtures(db);
    const admin = await ApiClient.signIn("gm.admin");
    const unit = await admin.call("createUnit", { body: { name: "更合司法所", parentId: f.unit("高明区司法局") } });
    await admin.call("updateUnit", { params: { id: unit.body.id }, body: { name: "更合镇司法所" } });
    await admin.call("updatePerson", { params: { id: f.personHc }, body: { version: 1, status: "suspended" } });
    await admin.call("logout");

    const events = await db.prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["seed.demo", "auth.login", "unit.create", "unit.update", "person.update", "auth.logout"]);
    const update = events.find((e) => e.action === "person.update")!;
    expect(update).toMatchObject({ actorId: f.user("gm.admin"), targetType: "SupervisedPerson", targetId: f.personHc });
    expect(update.data).toMatchObject({ changed: ["status"], before: { status: "active" }, after: { status: "suspended" } });
    for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    expect(await verifyAuditChain(db.prisma)).toEqual({ ok: true, events: events.length });
  });

  it("cannot be changed through SQL: updates and deletes are refused by the database", async () => {
    await expect(db.sql.exec(`UPDATE "AuditEvent" SET "actorName" = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(db.sql.exec(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
  });

  it("names the first broken event when someone tampers with the table behind the trigger", async () => {
    const [third] = await db.sql.query<{ seq: string }>(`SELECT seq::text FROM "AuditEvent" ORDER BY seq OFFSET 2 LIMIT 1`);
    await db.sql.exec(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
    await db.sql.exec(`UPDATE "AuditEvent" SET data = '{"name":"forged"}' WHERE seq = ${third!.seq}`);
    await db.sql.exec(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
    expect(await verifyAuditChain(db.prisma)).toEqual({ ok: false, events: 2, brokenAt: BigInt(third!.seq), reason: "hash_mismatch" });
  });
});
