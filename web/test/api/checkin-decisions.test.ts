import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toActor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { getWorkbench } from "@/lib/workbench/get-workbench";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { countOf, ENGINES, expectIntactChain, expectOnly, times, TIMES } from "../support/concurrency.ts";
import { demoFixtures, TINY_JPEG } from "../support/fixtures.ts";

/**
 * The officer's side of self check-in (issue 13 §4): a pending check-in is decided once, by one
 * officer, audited; the loser of a race gets 409 and the record is not overwritten. Photos are
 * audited per view; phones are unbound and links reissued, each audited.
 */
describe.each(ENGINES)("deciding pending check-ins, photos, phones and links (%s)", (engine) => {
  let db: Database;
  let f: Awaited<ReturnType<typeof demoFixtures>>;
  let hcA: ApiClient;
  let hcB: ApiClient;
  let personId: string;
  let serial = 0;

  /** A pending check-in as the check-in link leaves it (the full link flow is covered in self-checkin.test.ts). */
  const pendingCheckIn = async (status = "pending", reasons: string[] = ["outside_area"]) =>
    (
      await db.prisma.selfCheckIn.create({
        data: { personId, windowKey: `2026-12-0${(serial % 7) + 1}T${String(serial++).padStart(2, "0")}:00`, status, reasons, photo: Buffer.from(TINY_JPEG, "base64"), sha256: "a".repeat(64), credentialId: "cred", distanceMeters: 3300, bearingDegrees: 90 },
      })
    ).id;
  const decisionEvents = (checkInId: string) =>
    db.prisma.auditEvent.count({ where: { action: { in: ["checkin.approved", "checkin.rejected"] }, data: { path: ["checkInId"], equals: checkInId } } });

  beforeAll(async () => {
    db = await useSeededDatabase(engine);
    f = await demoFixtures(db);
    personId = f.hcPersonIds[0]!;
    hcA = await ApiClient.signIn("hc.officer");
    hcB = await ApiClient.signIn("gm.officer");
  }, 120_000);
  afterAll(() => closeDatabase());

  it("two officers decide one check-in at once: one wins, the other gets 409 already_decided and nothing is overwritten", async () => {
    const id = await pendingCheckIn();
    const [a, b] = await Promise.all([
      hcA.call("decideCheckIn", { params: { id: personId, checkInId: id }, body: { decision: "approved", note: "" } }),
      hcB.call("decideCheckIn", { params: { id: personId, checkInId: id }, body: { decision: "rejected", note: "位置不符" } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    expect(loser.body.error).toMatchObject({ code: "conflict", fields: { decision: "already_decided" } });
    const row = await db.prisma.selfCheckIn.findUniqueOrThrow({ where: { id } });
    expect(row.decision).toBe(winner.body.decision);
    expect(row.status).toBe("pending");
    expect(await decisionEvents(id)).toBe(1);
    await expectIntactChain(db);
  });

  it(`the same decision sent ${TIMES}× at once is recorded and audited once`, async () => {
    const id = await pendingCheckIn();
    const results = await times(TIMES, (i) => (i % 2 ? hcA : hcB).call("decideCheckIn", { params: { id: personId, checkInId: id }, body: { decision: "approved", note: "" } }));
    expectOnly(results, [200, 409, 503]);
    expect(countOf(results, 200)).toBe(1);
    expect(await decisionEvents(id)).toBe(1);
    await expectIntactChain(db);
  });

  it("a rejection needs a reason; a check-in that was 已报到 needs no decision; inspectors may not decide; other counties do not see it", async () => {
    const id = await pendingCheckIn();
    const noNote = await hcA.call("decideCheckIn", { params: { id: personId, checkInId: id }, body: { decision: "rejected", note: "  " } });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.fields).toMatchObject({ note: "required" });
    const inspector = await (await ApiClient.signIn("gm.inspector")).call("decideCheckIn", { params: { id: personId, checkInId: id }, body: { decision: "approved", note: "" } });
    expect(inspector.status).toBe(403);
    const sibling = await (await ApiClient.signIn("nh.officer")).call("decideCheckIn", { params: { id: personId, checkInId: id }, body: { decision: "approved", note: "" } });
    expect(sibling.status).toBe(404);
    expect((await db.prisma.selfCheckIn.findUniqueOrThrow({ where: { id } })).decision).toBeNull();

    const done = await pendingCheckIn("checked_in", []);
    const notPending = await hcA.call("decideCheckIn", { params: { id: personId, checkInId: done }, body: { decision: "approved", note: "" } });
    expect(notPending.status).toBe(409);
    expect(notPending.body.error.fields).toEqual({ decision: "not_pending" });

    const rejected = await hcA.call("decideCheckIn", { params: { id: personId, checkInId: id }, body: { decision: "rejected", note: "本人未到场" } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ decision: "rejected", note: "本人未到场", decidedBy: "李晓梅" });
    const plan = await hcA.call("getCheckInPlan", { params: { id: personId } });
    expect(plan.body.checkIns.find((c: { id: string }) => c.id === id)).toMatchObject({ decision: "rejected", decisionNote: "本人未到场" });
  });

  it("every view of a check-in photo is audited, inspectors' included; outside the subtree it does not exist", async () => {
    const id = await pendingCheckIn();
    const before = await db.prisma.auditEvent.count({ where: { action: "checkin.photo_viewed" } });
    const officerView = await hcA.call("getCheckInPhoto", { params: { id: personId, checkInId: id } });
    expect(officerView.status).toBe(200);
    expect(officerView.headers.get("content-type")).toBe("image/jpeg");
    expect(officerView.headers.get("cache-control")).toContain("no-store");
    const inspectorView = await (await ApiClient.signIn("gm.inspector")).call("getCheckInPhoto", { params: { id: personId, checkInId: id } });
    expect(inspectorView.status).toBe(200);
    const sibling = await (await ApiClient.signIn("nh.officer")).call("getCheckInPhoto", { params: { id: personId, checkInId: id } });
    expect(sibling.status).toBe(404);
    const events = await db.prisma.auditEvent.findMany({ where: { action: "checkin.photo_viewed" }, orderBy: { seq: "asc" } });
    expect(events.length - before).toBe(2);
    expect(events.slice(-2).map((e) => e.actorName)).toEqual([expect.stringContaining("hc.officer"), expect.stringContaining("gm.inspector")]);
  });

  it("unbinding a phone stops it, once; reissuing the link makes the old one 404 and keeps the phone", async () => {
    const other = f.hcPersonIds[1]!;
    expect((await hcA.call("setCheckInPlan", { params: { id: other }, body: { windows: [{ weekday: 1, start: "08:00", end: "20:00" }] } })).status).toBe(200);
    const phone = await db.prisma.phoneCredential.create({ data: { personId: other, credentialId: `phone-${engine}`, publicKey: Buffer.from("k") } });
    const oldLink = ((await hcA.call("getCheckInPlan", { params: { id: other } })).body.link as string).replace(/^\/c\//, "");
    expect((await new ApiClient().call("openCheckInLink", { params: { token: oldLink } })).body.phoneBound).toBe(true);

    const reissued = await hcA.call("reissueCheckInLink", { params: { id: other } });
    expect(reissued.status).toBe(200);
    const newLink = (reissued.body.link as string).replace(/^\/c\//, "");
    expect(newLink).not.toBe(oldLink);
    expect((await new ApiClient().call("openCheckInLink", { params: { token: oldLink } })).status).toBe(404);
    const opened = await new ApiClient().call("openCheckInLink", { params: { token: newLink } });
    expect(opened.status).toBe(200);
    expect(opened.body.phoneBound).toBe(true);

    const [r1, r2] = await Promise.all([hcA.call("revokePhone", { params: { id: other, phoneId: phone.id } }), hcB.call("revokePhone", { params: { id: other, phoneId: phone.id } })]);
    expect([r1.status, r2.status].sort()).toEqual([200, 404]);
    expect((await new ApiClient().call("openCheckInLink", { params: { token: newLink } })).body.phoneBound).toBe(false);
    expect((await hcA.call("getCheckInPlan", { params: { id: other } })).body.phones).toEqual([]);
    expect(await db.prisma.auditEvent.count({ where: { action: "checkin.phone_revoked", targetId: other } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: "checkin.link_reissued", targetId: other } })).toBe(1);
    const inspector = await (await ApiClient.signIn("gm.inspector")).call("reissueCheckInLink", { params: { id: other } });
    expect(inspector.status).toBe(403);
    await expectIntactChain(db);
  });

  it("the workbench lists today's due, missed and pending check-ins in scope, by China time, and per unit for a superior", async () => {
    const person = f.hcPersonIds[2]!;
    // Monday 2026-12-07 in China; at 13:00 there the morning window has closed and the afternoon one is open.
    const now = new Date("2026-12-07T05:00:00Z");
    await db.prisma.checkInPlan.upsert({
      where: { personId: person },
      create: { personId: person, updatedById: f.user("hc.officer"), windows: [{ weekday: 1, start: "08:00", end: "10:00" }, { weekday: 1, start: "12:00", end: "18:00" }, { weekday: 1, start: "19:00", end: "20:00" }, { weekday: 2, start: "08:00", end: "10:00" }] },
      update: {},
    });
    const hc = await db.prisma.user.findUniqueOrThrow({ where: { username: "hc.officer" }, include: { unit: true } });
    const gm = await db.prisma.user.findUniqueOrThrow({ where: { username: "gm.officer" }, include: { unit: true } });
    const nh = await db.prisma.user.findUniqueOrThrow({ where: { username: "nh.officer" }, include: { unit: true } });
    const mine = (w: Awaited<ReturnType<typeof getWorkbench>>) => [...w.checkIns.due, ...w.checkIns.late].filter((d) => d.personId === person).map((d) => [d.windowKey, d.state]);

    const wb = await getWorkbench(toActor(hc), now);
    expect(wb.date).toBe("2026-12-07");
    expect(mine(wb)).toEqual([
      ["2026-12-07T12:00", "open"],
      ["2026-12-07T19:00", "later"],
      ["2026-12-07T08:00", "late"],
    ]);
    // Checked in for the afternoon window: it is no longer due.
    await db.prisma.selfCheckIn.create({ data: { personId: person, windowKey: "2026-12-07T12:00", status: "pending", reasons: ["no_location"], photo: Buffer.from(TINY_JPEG, "base64"), sha256: "b".repeat(64), credentialId: "c" } });
    const after = await getWorkbench(toActor(hc), now);
    expect(mine(after)).toEqual([
      ["2026-12-07T19:00", "later"],
      ["2026-12-07T08:00", "late"],
    ]);
    expect(after.checkIns.pending.map((c) => c.personId)).toContain(person);
    expect(after.checkIns.pendingCount).toBe(after.checkIns.pending.length);

    const county = await getWorkbench(toActor(gm), now);
    expect(county.byUnit.find((u) => u.unitName === "荷城司法所")).toMatchObject({ late: expect.any(Number), pending: expect.any(Number) });
    expect(county.checkIns.pending.map((c) => c.id)).toEqual(after.checkIns.pending.map((c) => c.id));
    const sibling = await getWorkbench(toActor(nh), now);
    expect(sibling.checkIns.pending).toEqual([]);
    expect([...sibling.checkIns.due, ...sibling.checkIns.late].some((d) => d.personId === person)).toBe(false);

    const api = await hcA.call("getWorkbench");
    expect(api.status, JSON.stringify(api.body)).toBe(200);
    expect(api.body.checkIns.pendingCount).toBeGreaterThan(0);
  });
});
