import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { idNumberCheckChar } from "@/lib/persons/id-number";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { countOf, ENGINES, expectIntactChain, expectOnly, times, TIMES } from "../support/concurrency.ts";
import { demoFixtures } from "../support/fixtures.ts";

/**
 * Creating the same user, person or unit 100 times at once: the duplicate check ran before the
 * insert in each transaction, so on PostgreSQL several passed it and the unique index answered
 * with a 500. One must win, the rest get a clean 409.
 */
describe.each(ENGINES)("administration under 100 concurrent requests (%s)", (engine) => {
  let db: Database;
  let admin: ApiClient;
  let f: Awaited<ReturnType<typeof demoFixtures>>;

  beforeAll(async () => {
    db = await useSeededDatabase(engine);
    f = await demoFixtures(db);
    admin = await ApiClient.signIn("gm.admin");
  });
  afterAll(async () => {
    await expectIntactChain(db);
    await closeDatabase();
  });

  const oneWins = async (results: Array<{ status: number; body: any }>, created: number, field: string, action: string) => {
    expectOnly(results, [created, 409]);
    expect(countOf(results, created)).toBe(1);
    expect(new Set(results.filter((r) => r.status === 409).map((r) => JSON.stringify(r.body.error.fields)))).toEqual(new Set([JSON.stringify({ [field]: "duplicate" })]));
    expect(await db.prisma.auditEvent.count({ where: { action } })).toBe(1);
  };

  it("registers one person for 100 concurrent creates with the same ID number", async () => {
    const body = {
      unitId: f.unit("荷城司法所"),
      name: "并发",
      gender: "male",
      idNumber: `44060819900101777${idNumberCheckChar("44060819900101777")}`,
      phone: "13800138000",
      supervisionType: "probation",
      startDate: "2026-01-01",
      endDate: "2027-01-01",
    };
    const results = await times(TIMES, () => admin.call("createPerson", { body }));
    await oneWins(results, 201, "idNumber", "person.create");
  });

  it("creates one unit for 100 concurrent creates with the same name under one parent", async () => {
    const results = await times(TIMES, () => admin.call("createUnit", { body: { name: "并发司法所", parentId: f.unit("高明区司法局") } }));
    await oneWins(results, 201, "name", "unit.create");
  });

  it("lets one of 100 edits based on the same version through; the rest are stale", async () => {
    const { version } = await db.prisma.supervisedPerson.findUniqueOrThrow({ where: { id: f.personHc } });
    const results = await times(TIMES, (i) => admin.call("updatePerson", { params: { id: f.personHc }, body: { version, address: `地址 ${i}` } }));
    expectOnly(results, [200, 409]);
    expect(countOf(results, 200)).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: "person.update", targetId: f.personHc } })).toBe(1);
  });

  it("closes a room once for 100 concurrent closes: one audit event", async () => {
    const results = await times(TIMES, () => admin.call("closeRoom", { params: { id: f.roomToClose } }));
    expectOnly(results, [200]);
    expect(await db.prisma.auditEvent.count({ where: { action: "room.close", targetId: f.roomToClose } })).toBe(1);
  });
});
