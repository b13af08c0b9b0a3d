import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { countOf, ENGINES, expectIntactChain, expectOnly, times, TIMES } from "../support/concurrency.ts";
import { demoFixtures } from "../support/fixtures.ts";

/**
 * Its own file: every create hashes a password with argon2id first, and 100 of them take most of
 * the time this file has.
 */
describe.each(ENGINES)("creating the same user 100 times at once (%s)", (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await useSeededDatabase(engine);
  });
  afterAll(() => closeDatabase());

  it("creates one user; the other 99 get 409 duplicate, not 500", async () => {
    const f = await demoFixtures(db);
    const admin = await ApiClient.signIn("gm.admin");
    const body = { username: "same.name", displayName: "同名", role: "officer", unitId: f.unit("荷城司法所"), password: "Sunshine#2026" };
    const results = await times(TIMES, () => admin.call("createUser", { body }));
    expectOnly(results, [201, 409]);
    expect(countOf(results, 201)).toBe(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.fields?.username === "duplicate")).toBe(true);
    expect(await db.prisma.auditEvent.count({ where: { action: "user.create" } })).toBe(1);
    await expectIntactChain(db);
  });
});
