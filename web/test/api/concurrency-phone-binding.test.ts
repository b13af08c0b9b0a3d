import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { countOf, ENGINES, expectIntactChain, expectOnly, times } from "../support/concurrency.ts";
import { demoFixtures } from "../support/fixtures.ts";
import { SoftAuthenticator } from "../support/soft-authenticator.ts";

const ORIGIN = "http://portal.test";

/**
 * The officer's confirmation binds one phone: binding closes once used. Two phones registering in
 * the same instant (each with its own valid challenge, fetched while binding was open) must not
 * both be bound — the plan's row lock orders them and the second finds binding closed.
 */
describe.each(ENGINES)("phone registrations at once (%s)", (engine) => {
  let db: Database;
  let officer: ApiClient;
  let personId: string;
  let token: string;
  const anonymous = new ApiClient();

  beforeAll(async () => {
    db = await useSeededDatabase(engine);
    personId = (await demoFixtures(db)).hcPersonIds[0]!;
    officer = await ApiClient.signIn("hc.officer");
    const plan = await officer.call("setCheckInPlan", { params: { id: personId }, body: { windows: [{ weekday: 1, start: "08:00", end: "20:00" }] } });
    token = (plan.body.link as string).replace(/^\/c\//, "");
  }, 120_000);
  afterAll(() => closeDatabase());

  it("two phones register at once after one confirmation: exactly one is bound, the other is told to ask the officer", async () => {
    expect((await officer.call("openPhoneBinding", { params: { id: personId } })).status).toBe(200);
    const phones = [new SoftAuthenticator(), new SoftAuthenticator()];
    const options = await Promise.all(phones.map(() => anonymous.call("phoneRegistrationOptions", { params: { token } })));
    expect(options.map((o) => o.status)).toEqual([200, 200]);
    const results = await Promise.all(phones.map((phone, i) => anonymous.call("registerPhone", { params: { token }, body: phone.register(options[i]!.body, ORIGIN) })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 403]);
    expect(results.find((r) => r.status === 403)!.body.error.fields).toEqual({ binding: "not_open" });
    expect(await db.prisma.phoneCredential.count({ where: { personId, revokedAt: null } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: "checkin.phone_bound", targetId: personId } })).toBe(1);
  });

  it("ten phones at once after one confirmation: still one", async () => {
    expect((await officer.call("openPhoneBinding", { params: { id: personId } })).status).toBe(200);
    const phones = Array.from({ length: 10 }, () => new SoftAuthenticator());
    const options = await times(phones.length, () => anonymous.call("phoneRegistrationOptions", { params: { token } }));
    const results = await times(phones.length, (i) => anonymous.call("registerPhone", { params: { token }, body: phones[i]!.register(options[i]!.body, ORIGIN) }));
    expectOnly(results, [201, 403, 503]);
    expect(countOf(results, 201)).toBe(1);
    expect(await db.prisma.phoneCredential.count({ where: { personId, revokedAt: null } })).toBe(2);
    await expectIntactChain(db);
  });
});
