import { beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../support/api-client.ts";
import { dataDigest } from "../support/fixtures.ts";
import { useSeededApi } from "../support/seeded-api.ts";
import { applyBody, fromNewAddress, slotStart, visitResources } from "../support/visit-fixtures.ts";

describe("review and booking by the facility", () => {
  const seeded = useSeededApi();
  let r: Awaited<ReturnType<typeof visitResources>>;
  let facility: ApiClient;

  const applyFor = async (overrides: Record<string, unknown> = {}) => {
    const body = applyBody({ facilityId: r.jy1, roomId: r.gmRoom, heldPersonName: "陈国栋", ...overrides });
    const applied = await new ApiClient().call("applyForVisit", { body, headers: fromNewAddress() });
    expect(applied.status).toBe(201);
    const visit = await seeded.db.prisma.visit.findUniqueOrThrow({ where: { code: applied.body.code }, include: { participants: true } });
    return { ...visit, idNumber: body.idNumber as string };
  };

  beforeAll(async () => {
    r = await visitResources(seeded.db);
    // These tests are about decisions, not the monthly limit (visits-apply.test.ts has that).
    await seeded.db.prisma.heldPerson.updateMany({ data: { visitsPerMonth: 50 } });
    facility = await ApiClient.signIn("jy1.officer");
  });

  it("shows the facility its queue oldest first, with the proof inline for the facility only", async () => {
    const first = await applyFor({ heldPersonName: "黄志明", preferredSlots: [slotStart(60)] });
    const second = await applyFor({ heldPersonName: "黄志明", preferredSlots: [slotStart(61)] });
    const queue = await facility.call("listVisits", { query: { state: "submitted" } });
    expect(queue.status).toBe(200);
    const ids = queue.body.items.map((v: { id: string }) => v.id);
    expect(ids.indexOf(first.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    const proof = await facility.call("getVisitProof", { params: { id: first.id } });
    expect(proof.status).toBe(200);
    expect(proof.headers.get("content-type")).toBe("image/jpeg");
    // The hosting center does not see applications, nor ever the proof.
    const gm = await ApiClient.signIn("gm.officer");
    expect((await gm.call("getVisit", { params: { id: first.id } })).status).toBe(404);
    expect((await gm.call("getVisitProof", { params: { id: first.id } })).status).toBe(404);
  });

  it("books a slot: the status page shows the time and offers an .ics; the hosting center sees the booking, another county does not", async () => {
    const visit = await applyFor();
    const startsAt = slotStart(3);
    const booked = await facility.call("bookVisit", { params: { id: visit.id }, body: { startsAt, terminalId: r.terminal1, version: visit.version } });
    expect(booked.status).toBe(200);
    expect(booked.body).toMatchObject({ state: "booked", startsAt });
    const status = await new ApiClient().call("visitStatus", { params: { visitCode: visit.code }, body: { idLast4: visit.idNumber.slice(-4) } });
    expect(status.body).toMatchObject({ state: "booked", startsAt });
    const ics = await new ApiClient().call("visitCalendar", { params: { visitCode: visit.code }, query: { t: new URL(status.body.icsUrl, "http://x").searchParams.get("t")! } });
    expect(ics.status).toBe(200);
    expect(ics.body).toContain("BEGIN:VEVENT");
    expect(ics.body).toContain("陈国栋");
    const gm = await ApiClient.signIn("gm.officer");
    expect((await gm.call("listVisits", {})).body.items.map((v: { id: string }) => v.id)).toContain(visit.id);
    const nh = await ApiClient.signIn("nh.officer");
    expect((await nh.call("listVisits", {})).body.items).toEqual([]);
    expect((await nh.call("getVisit", { params: { id: visit.id } })).status).toBe(404);
    // Approved visitors join the visitor list, verified by the officer.
    const visitors = await facility.call("heldPersonVisitors", { params: { id: visit.heldPersonId } });
    expect(visitors.body.items[0]).toMatchObject({ relationship: "parent", verifiedBy: "邓卫东" });
    expect(await seeded.db.prisma.auditEvent.count({ where: { targetId: visit.id, action: "visit.book" } })).toBe(1);
  });

  it("refuses a center officer (not found) and the province above the facility (forbidden), changing nothing", async () => {
    const visit = await applyFor({ preferredSlots: [slotStart(70)] });
    const [gm, gd, inspector, jds] = await Promise.all(["gm.officer", "gd.admin", "jy1.inspector", "jds.officer"].map((u) => ApiClient.signIn(u)));
    const before = await dataDigest(seeded.db, ["Visit", "VisitReservation", "AuditEvent"]);
    const body = { startsAt: slotStart(70), terminalId: r.terminal1, version: visit.version };
    expect((await gm!.call("bookVisit", { params: { id: visit.id }, body })).status).toBe(404);
    expect((await gd!.call("bookVisit", { params: { id: visit.id }, body })).status).toBe(403);
    expect((await inspector!.call("bookVisit", { params: { id: visit.id }, body })).status).toBe(403);
    expect((await jds!.call("bookVisit", { params: { id: visit.id }, body })).status).toBe(404);
    expect((await gm!.call("rejectVisit", { params: { id: visit.id }, body: { reason: "x", version: 1 } })).status).toBe(404);
    expect(await dataDigest(seeded.db, ["Visit", "VisitReservation", "AuditEvent"])).toBe(before);
    // The province reads it.
    expect((await (await ApiClient.signIn("gd.inspector")).call("getVisit", { params: { id: visit.id } })).status).toBe(200);
  });

  it("rejects with a reason the family reads", async () => {
    const visit = await applyFor({ preferredSlots: [slotStart(80)] });
    const rejected = await facility.call("rejectVisit", { params: { id: visit.id }, body: { reason: "关系证明不清晰，请重新提交", version: visit.version } });
    expect(rejected.status).toBe(200);
    const status = await new ApiClient().call("visitStatus", { params: { visitCode: visit.code }, body: { idLast4: visit.idNumber.slice(-4) } });
    expect(status.body).toMatchObject({ state: "rejected", rejectReason: "关系证明不清晰，请重新提交" });
    const again = await facility.call("bookVisit", { params: { id: visit.id }, body: { startsAt: slotStart(80), terminalId: r.terminal1, version: 2 } });
    expect(again.status).toBe(409);
  });

  it("refuses a banned visitor until the ban ends, with the same answer as an unknown person", async () => {
    const visit = await applyFor({ preferredSlots: [slotStart(90)] });
    const applicant = visit.participants.find((p) => p.role === "applicant")!;
    const until = new Date(Date.now() + 30 * 24 * 3600_000).toISOString().slice(0, 10);
    const ban = await facility.call("banVisitor", { params: { id: visit.id, participantId: applicant.id }, body: { until, reason: "违反会见规定" } });
    expect(ban.status).toBe(200);
    const refused = await new ApiClient().call("applyForVisit", {
      body: applyBody({ facilityId: r.jy1, roomId: r.gmRoom, heldPersonName: "陈国栋", idNumber: visit.idNumber, preferredSlots: [slotStart(91)] }),
      headers: fromNewAddress(),
    });
    const unknown = await new ApiClient().call("applyForVisit", {
      body: applyBody({ facilityId: r.jy1, roomId: r.gmRoom, heldPersonName: "查无此人", preferredSlots: [slotStart(91)] }),
      headers: fromNewAddress(),
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(unknown.body);
    // Once the ban is over, the same visitor may apply again.
    await seeded.db.prisma.visitor.update({ where: { id: ban.body.visitorId }, data: { bannedUntil: new Date(Date.now() - 1000) } });
    const after = await new ApiClient().call("applyForVisit", {
      body: applyBody({ facilityId: r.jy1, roomId: r.gmRoom, heldPersonName: "陈国栋", idNumber: visit.idNumber, preferredSlots: [slotStart(91)] }),
      headers: fromNewAddress(),
    });
    expect(after.status).toBe(201);
  });

  it("refuses an application for a slot that was just booked", async () => {
    const visit = await applyFor({ heldPersonName: "王海涛", preferredSlots: [slotStart(100)] });
    expect((await facility.call("bookVisit", { params: { id: visit.id }, body: { startsAt: slotStart(100), terminalId: r.terminal1, version: 1 } })).status).toBe(200);
    const late = await new ApiClient().call("applyForVisit", {
      body: applyBody({ facilityId: r.jy1, roomId: r.gmRoom, heldPersonName: "赵永强", preferredSlots: [slotStart(100)] }),
      headers: fromNewAddress(),
    });
    expect(late.status).toBe(400);
    expect(late.body.error.fields).toEqual({ preferredSlots: "slot_taken" });
  });

  it("lets a county officer schedule 帮教 with a person released into its area, not with others", async () => {
    const hc = await ApiClient.signIn("hc.officer");
    const releasing = await hc.call("listHeldPersons", { query: { releasing: "true" } });
    expect(releasing.body.items.map((p: { name: string }) => p.name).sort()).toEqual(["刘建军", "孙浩", "陈国栋"].sort());
    const held = releasing.body.items.find((p: { name: string }) => p.name === "刘建军");
    const session = await hc.call("scheduleHelpSession", {
      body: { heldPersonId: held.id, roomId: r.hcRoom, terminalId: r.terminal2, startsAt: slotStart(5), socialWorker: "社工 李敏", invitees: [{ name: "刘母", relationship: "parent", phone: "13900139000" }] },
    });
    expect(session.status).toBe(201);
    expect(session.body.state).toBe("booked");
    const other = (await seeded.db.prisma.heldPerson.findFirstOrThrow({ where: { name: "王海涛" } })).id;
    const refused = await hc.call("scheduleHelpSession", { body: { heldPersonId: other, roomId: r.hcRoom, terminalId: r.terminal2, startsAt: slotStart(6) } });
    expect(refused.status).toBe(404);
    // The facility sees the session on its list.
    expect((await facility.call("listVisits", { query: { kind: "help_education" } })).body.items).toHaveLength(1);
  });

  it("lets the facility set a held person's rules (audited); a center cannot", async () => {
    const held = await seeded.db.prisma.heldPerson.findFirstOrThrow({ where: { name: "赵永强" } });
    const gm = await ApiClient.signIn("gm.officer");
    expect((await gm.call("updateHeldPersonRules", { params: { id: held.id }, body: { visitsPerMonth: 9 } })).status).toBe(404);
    const set = await facility.call("updateHeldPersonRules", { params: { id: held.id }, body: { visitsPerMonth: 0, homeVisitsAllowed: true } });
    expect(set.body).toMatchObject({ visitsPerMonth: 0, homeVisitsAllowed: true, visitorsPerVisit: 3 });
    expect(await seeded.db.prisma.auditEvent.count({ where: { targetId: held.id, action: "held_person.rules" } })).toBe(1);
    const refused = await new ApiClient().call("applyForVisit", {
      body: applyBody({ facilityId: r.jy1, roomId: r.gmRoom, heldPersonName: "赵永强", preferredSlots: [slotStart(120)] }),
      headers: fromNewAddress(),
    });
    expect(refused.body.error.fields).toEqual({ preferredSlots: "monthly_limit" });
  });

  it("exports the filtered list as CSV, counts booked visits per month, and lists a held person's history", async () => {
    const visit = await applyFor({ heldPersonName: "王海涛", preferredSlots: [slotStart(130)] });
    expect((await facility.call("bookVisit", { params: { id: visit.id }, body: { startsAt: slotStart(130), terminalId: r.terminal1, version: 1 } })).status).toBe(200);
    const csv = await facility.call("exportVisitsCsv", { query: { state: "booked" } });
    expect(csv.status).toBe(200);
    expect(csv.body.startsWith("\uFEFF申请编号,")).toBe(true);
    const row = (csv.body as string).split("\r\n").find((line) => line.startsWith(visit.code))!;
    expect(row).toContain("已预约");
    expect(row).toContain("王海涛");
    expect(csv.body).not.toContain("待审核");
    const stats = await facility.call("visitStats", { query: { months: "3" } });
    const prison = stats.body.byFacility.find((f: { name: string }) => f.name === "广东省第一监狱");
    // The chart ends with the current month: a booking early next month (near a month's end) is not on it yet.
    const month = new Date(Date.parse(slotStart(130)) + 8 * 3600_000).toISOString().slice(0, 7);
    const index = stats.body.months.indexOf(month);
    if (index >= 0) expect(prison.counts[index]).toBeGreaterThanOrEqual(1);
    expect(stats.body.months).toHaveLength(3);
    const history = await facility.call("listVisits", { query: { heldPersonId: visit.heldPersonId } });
    expect(history.body.items.every((v: { heldPerson: { name: string } }) => v.heldPerson.name === "王海涛")).toBe(true);
    expect(history.body.items.map((v: { id: string }) => v.id)).toContain(visit.id);
  });
});
