import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { countOf, ENGINES, expectIntactChain, expectOnly, times, TIMES } from "../support/concurrency.ts";
import { applyBody, fromNewAddress, slotStart, visitResources } from "../support/visit-fixtures.ts";

/**
 * Two visits never hold one room or terminal at one time, even when officers book at the same
 * moment: the resources' rows are locked before the overlap check, and a unique reservation per
 * resource and start is the database's own guarantee.
 */
describe.each(ENGINES)("booking one slot concurrently (%s)", (engine) => {
  let db: Database;
  let r: Awaited<ReturnType<typeof visitResources>>;
  let officerA: ApiClient;
  let officerB: ApiClient;

  const apply = async (heldPersonName: string, roomId: string, slot: string) => {
    const applied = await new ApiClient().call("applyForVisit", {
      body: applyBody({ facilityId: r.jy1, roomId, heldPersonName, preferredSlots: [slot] }),
      headers: fromNewAddress(),
    });
    expect(applied.status).toBe(201);
    return db.prisma.visit.findUniqueOrThrow({ where: { code: applied.body.code } });
  };

  beforeAll(async () => {
    db = await useSeededDatabase(engine);
    r = await visitResources(db);
    officerA = await ApiClient.signIn("jy1.officer");
    officerB = await ApiClient.signIn("jy1.officer");
  });
  afterAll(() => closeDatabase());

  it("two officers book two visits into the same room and slot: exactly one wins, the other gets 409 slot_taken", async () => {
    const slot = slotStart(4);
    const v1 = await apply("陈国栋", r.gmRoom, slot);
    const v2 = await apply("刘建军", r.gmRoom, slot);
    const [a, b] = await Promise.all([
      officerA.call("bookVisit", { params: { id: v1.id }, body: { startsAt: slot, terminalId: r.terminal1, version: 1 } }),
      officerB.call("bookVisit", { params: { id: v2.id }, body: { startsAt: slot, terminalId: r.terminal2, version: 1 } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error).toMatchObject({ code: "conflict", fields: { startsAt: "slot_taken" } });
    expect(await db.prisma.visitReservation.count({ where: { resourceId: r.gmRoom, startsAt: new Date(slot) } })).toBe(1);
    await expectIntactChain(db);
  });

  it("two visits from different rooms onto the same terminal and slot: exactly one wins", async () => {
    const slot = slotStart(6);
    const v1 = await apply("黄志明", r.gmRoom, slot);
    const v2 = await apply("王海涛", r.hcRoom, slot);
    const [a, b] = await Promise.all([
      officerA.call("bookVisit", { params: { id: v1.id }, body: { startsAt: slot, terminalId: r.terminal1, version: 1 } }),
      officerB.call("bookVisit", { params: { id: v2.id }, body: { startsAt: slot, terminalId: r.terminal1, version: 1 } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await db.prisma.visitReservation.count({ where: { resourceId: r.terminal1, startsAt: new Date(slot) } })).toBe(1);
  });

  it(`the same booking sent ${TIMES} times at once books once`, async () => {
    const slot = slotStart(8);
    const visit = await apply("林文杰", r.nhRoom, slot);
    const results = await times(TIMES, (i) =>
      (i % 2 ? officerA : officerB).call("bookVisit", { params: { id: visit.id }, body: { startsAt: slot, terminalId: r.terminal2, version: 1 } }),
    );
    expectOnly(results, [200, 409]);
    expect(countOf(results, 200)).toBe(1);
    expect(await db.prisma.visitReservation.count({ where: { visitId: visit.id } })).toBe(2);
    expect(await db.prisma.auditEvent.count({ where: { targetId: visit.id, action: "visit.book" } })).toBe(1);
    await expectIntactChain(db);
  });
});
