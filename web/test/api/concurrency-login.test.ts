import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { countOf, ENGINES, expectIntactChain, expectOnly, times, TIMES } from "../support/concurrency.ts";

/**
 * Sign-in allows 5 failures per account and address a minute. The failures used to be counted
 * before the password check and recorded after it, so 100 wrong passwords sent at once were all
 * checked against the hash: a brute force only had to send in bursts.
 */
describe.each(ENGINES)("sign-in under 100 concurrent requests (%s)", (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await useSeededDatabase(engine);
  });
  afterAll(() => closeDatabase());

  it("checks exactly 5 of 100 wrong passwords and answers 429 to the rest", async () => {
    const max = config().login.maxFailures;
    const results = await times(TIMES, () => new ApiClient().call("login", { body: { username: "hc.officer", password: "wrong-password-1" } }));
    expectOnly(results, [401, 429]);
    expect(countOf(results, 401)).toBe(max);
    expect(countOf(results, 429)).toBe(TIMES - max);
    expect(await db.prisma.loginFailure.count({ where: { key: "hc.officer|local" } })).toBe(max);
    expect((await new ApiClient().call("login", { body: { username: "hc.officer", password: "Sunshine#2026" } })).status).toBe(429);
  });

  it("answers 100 concurrent right passwords with sessions or 429 (5 checks at a time), each sign-in audited once", async () => {
    // A booking is taken before the password is known, so at most 5 are checked at once even
    // when they are right; a success frees the key again.
    const before = await db.prisma.auditEvent.count({ where: { action: "auth.login" } });
    const sessionsBefore = await db.prisma.session.count();
    const results = await times(TIMES, () => new ApiClient().call("login", { body: { username: "gm.officer", password: "Sunshine#2026" } }));
    expectOnly(results, [200, 429]);
    const signedIn = countOf(results, 200);
    expect(signedIn).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.auditEvent.count({ where: { action: "auth.login" } })).toBe(before + signedIn);
    expect(await db.prisma.session.count()).toBe(sessionsBefore + signedIn);
    await expectIntactChain(db);
  });

  it("never leaves a session signed in with a password that was changed meanwhile", async () => {
    const admin = await ApiClient.signIn("gm.admin");
    const user = await db.prisma.user.findUniqueOrThrow({ where: { username: "hc.officer" } });
    const passwords = ["Sunshine#2026", "Changed#2026-a", "Changed#2026-b", "Changed#2026-c", "Changed#2026-d", "Changed#2026-e"];
    let survivors = 0;
    for (let round = 1; round < passwords.length; round++) {
      await db.prisma.loginFailure.deleteMany({});
      await db.prisma.session.deleteMany({ where: { userId: user.id } });
      const results = await times(5, (i) =>
        i === 2
          ? admin.call("updateUser", { params: { id: user.id }, body: { password: passwords[round] } })
          : new ApiClient().call("login", { body: { username: "hc.officer", password: passwords[round - 1] } }),
      );
      expectOnly(results, [200, 401]);
      // The change ended every session that existed; one still there was made with the old password after it.
      survivors += await db.prisma.session.count({ where: { userId: user.id } });
    }
    expect(survivors).toBe(0);
  });
});
