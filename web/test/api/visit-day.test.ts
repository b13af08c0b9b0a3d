import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { chinaDay } from "@/lib/checkin/windows-today";
import { recordMediaEvents } from "@/lib/rooms/record-media-events";
import { ApiClient } from "../support/api-client.ts";
import { dataDigest, TINY_JPEG } from "../support/fixtures.ts";
import { useSeededApi } from "../support/seeded-api.ts";
import { newIdNumber, slotStart, visitResources } from "../support/visit-fixtures.ts";

// Issue 9 §5, visit day: family links (only its own visit, only on its day, dead after the end,
// revocable), the staff doors into the room (terminal, center, monitor) and who may open them,
// start, cancel, and the node's reports becoming the visit's record. Real handlers, real database.

const MINUTE = 60_000;
let codes = 0;

describe("visit day", () => {
  const seeded = useSeededApi();
  let r: Awaited<ReturnType<typeof visitResources>>;
  let jy1: ApiClient;
  let gm: ApiClient;
  const anyone = () => new ApiClient();

  /**
   * A booked visit written directly (booking is tested elsewhere): by default under way today, 20
   * minutes left. It started a minute ago, but never before China's midnight: in the first minute
   * of a China day that would be yesterday's visit, refused as not today (a CI run at 16:01 UTC
   * failed 10 of these tests so).
   */
  async function bookedVisit(options: { startsAt?: Date; minutes?: number; privileged?: boolean; fromHome?: boolean } = {}) {
    const startsAt = options.startsAt ?? new Date(Math.max(Date.now() - MINUTE, chinaDay(new Date()).startsAt.getTime()));
    const endsAt = new Date(startsAt.getTime() + (options.minutes ?? 21) * MINUTE);
    const held = await seeded.db.prisma.heldPerson.findFirstOrThrow({ where: { name: "陈国栋" } });
    const gmUnit = (await seeded.db.prisma.visitRoom.findUniqueOrThrow({ where: { id: r.gmRoom } })).unitId;
    const idNumber = newIdNumber();
    const fromHome = options.fromHome ?? true;
    const visit = await seeded.db.prisma.visit.create({
      data: {
        code: `DAY${String(++codes).padStart(5, "0")}`,
        state: "booked",
        heldPersonId: held.id,
        facilityId: r.jy1,
        fromHome,
        familyUnitId: fromHome ? null : gmUnit,
        familyRoomId: fromHome ? null : r.gmRoom,
        terminalId: r.terminal2,
        startsAt,
        endsAt,
        privileged: options.privileged ?? false,
        mustRecord: !options.privileged,
        decidedById: (await seeded.db.prisma.user.findUniqueOrThrow({ where: { username: "jy1.officer" } })).id,
        participants: { create: [{ role: "applicant", name: "张秀兰", relationship: "parent", idNumberHash: `day-${idNumber}`, idNumberMasked: "4406**********0000", idLast4: idNumber.slice(-4) }] },
      },
      include: { participants: true },
    });
    return { id: visit.id, participantId: visit.participants[0]!.id, last4: idNumber.slice(-4), version: visit.version };
  }

  const tokenOf = (path: string) => path.replace(/^\/v\//, "");
  const issue = async (client: ApiClient, v: { id: string; participantId: string }) => client.call("issueFamilyLink", { params: { id: v.id, participantId: v.participantId } });
  const linkCode = (res: { body: { error?: { fields?: Record<string, string> } } }) => res.body.error?.fields?.link;

  beforeAll(async () => {
    r = await visitResources(seeded.db);
    [jy1, gm] = await Promise.all([ApiClient.signIn("jy1.officer"), ApiClient.signIn("gm.officer")]);
  });

  it("a family member at home: link, last 4 of the ID, snapshot, then a waiting-room token that carries the visit's end and terms", async () => {
    const v = await bookedVisit();
    const issued = await issue(jy1, v);
    expect(issued.status).toBe(200);
    const token = tokenOf(issued.body.path);
    expect((await anyone().call("openFamilyLink", { params: { token } })).body).toMatchObject({ kind: "visit", mustRecord: true, privileged: false });
    const wrong = await anyone().call("verifyFamilyLink", { params: { token }, body: { idLast4: v.last4 === "0000" ? "1111" : "0000" } });
    expect(wrong.status).toBe(400);
    const verified = await anyone().call("verifyFamilyLink", { params: { token }, body: { idLast4: v.last4 } });
    expect(verified.status).toBe(200);
    const ticket = verified.body.ticket as string;
    // No token before the face snapshot; a snapshot that is not a JPEG is refused.
    expect((await anyone().call("joinByFamilyLink", { params: { token }, body: { ticket } })).body.error?.fields).toEqual({ snapshot: "missing" });
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex").toString("base64");
    expect((await anyone().call("storeHomeSnapshot", { params: { token }, body: { ticket, imageBase64: png } })).status).toBe(400);
    expect((await anyone().call("joinByFamilyLink", { params: { token }, body: { ticket: "x".repeat(32) } })).status).toBe(403);
    const snap = await anyone().call("storeHomeSnapshot", { params: { token }, body: { ticket, imageBase64: TINY_JPEG } });
    expect(snap.status).toBe(200);
    const grant = await anyone().call("joinByFamilyLink", { params: { token }, body: { ticket } });
    expect(grant.status).toBe(200);
    const claims = decodeJwt(grant.body.token);
    const visit = await seeded.db.prisma.visit.findUniqueOrThrow({ where: { id: v.id }, include: { participants: true } });
    expect(claims).toMatchObject({ room: visit.roomId, kind: "visit", as: "person", role: "participant", lobby: true, sub: `visitor:${v.participantId}`, mustRecord: true, privileged: false, endsAt: Math.floor(visit.endsAt!.getTime() / 1000) });
    expect(claims.exp).toBeLessThanOrEqual(Math.floor(visit.endsAt!.getTime() / 1000));
    expect(visit.participants[0]).toMatchObject({ verifyMethod: "home_snapshot", snapshotMime: "image/jpeg" });
    expect(Buffer.from(visit.participants[0]!.snapshotBytes!).toString("base64")).toBe(TINY_JPEG);
    // The facility terminal and the monitor get tokens of the same room with the same terms.
    const terminal = decodeJwt((await jy1.call("joinVisitAsStaff", { params: { id: v.id, side: "terminal" } })).body.token);
    const monitor = decodeJwt((await jy1.call("joinVisitAsStaff", { params: { id: v.id, side: "monitor" } })).body.token);
    expect(terminal).toMatchObject({ room: visit.roomId, sub: `held:${visit.heldPersonId}`, role: "participant", lobby: true, endsAt: claims.endsAt, mustRecord: true });
    expect(monitor).toMatchObject({ room: visit.roomId, as: "observer", role: "staff", grants: { observe: true, moderate: true, publish: false }, endsAt: claims.endsAt });
  });

  it("a link opens only its own visit: another participant's id under this link's signature is not found", async () => {
    const a = await bookedVisit();
    const b = await bookedVisit();
    const token = tokenOf((await issue(jy1, a)).body.path);
    await issue(jy1, b);
    const forged = `${b.participantId}.${token.split(".")[1]}`;
    for (const name of ["openFamilyLink", "verifyFamilyLink", "joinByFamilyLink"] as const) {
      const res = await anyone().call(name, { params: { token: forged }, body: name === "openFamilyLink" ? undefined : name === "verifyFamilyLink" ? { idLast4: b.last4 } : { ticket: "x".repeat(32) } });
      expect(res.status, name).toBe(404);
    }
  });

  it("a link works only on its day: none is issued for tomorrow's visit, and a link whose visit moved to another day does not open", async () => {
    const tomorrow = await bookedVisit({ startsAt: new Date(Date.now() + 26 * 3600_000) });
    const refused = await issue(jy1, tomorrow);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.fields).toEqual({ visit: "not_today" });
    const v = await bookedVisit();
    const token = tokenOf((await issue(jy1, v)).body.path);
    await seeded.db.prisma.visit.update({ where: { id: v.id }, data: { startsAt: new Date(Date.now() + 26 * 3600_000), endsAt: new Date(Date.now() + 26.5 * 3600_000) } });
    const res = await anyone().call("openFamilyLink", { params: { token } });
    expect([res.status, linkCode(res)]).toEqual([409, "not_yet"]);
  });

  it("a link is dead after the visit's end, and after the visit is over", async () => {
    const v = await bookedVisit();
    const token = tokenOf((await issue(jy1, v)).body.path);
    await seeded.db.prisma.visit.update({ where: { id: v.id }, data: { endsAt: new Date(Date.now() - 1000) } });
    for (const name of ["openFamilyLink", "verifyFamilyLink"] as const) {
      const res = await anyone().call(name, { params: { token }, body: name === "verifyFamilyLink" ? { idLast4: v.last4 } : undefined });
      expect([res.status, linkCode(res)], name).toEqual([409, "ended"]);
    }
    const w = await bookedVisit();
    const wToken = tokenOf((await issue(jy1, w)).body.path);
    await seeded.db.prisma.visit.update({ where: { id: w.id }, data: { state: "ended", endedAt: new Date(), endedHow: "on_time" } });
    expect(linkCode(await anyone().call("openFamilyLink", { params: { token: wToken } }))).toBe("ended");
  });

  it("a revoked link says so; a reissued link replaces the old one, which is then unknown", async () => {
    const v = await bookedVisit();
    const first = tokenOf((await issue(jy1, v)).body.path);
    const revoked = await gm.call("revokeFamilyLink", { params: { id: v.id, participantId: v.participantId } });
    // gm hosts no room of a home visit: it is the facility's to revoke.
    expect(revoked.status).toBe(404);
    expect((await jy1.call("revokeFamilyLink", { params: { id: v.id, participantId: v.participantId } })).body).toEqual({ participantId: v.participantId, revoked: true });
    const res = await anyone().call("openFamilyLink", { params: { token: first } });
    expect([res.status, linkCode(res)]).toEqual([409, "revoked"]);
    const second = tokenOf((await issue(jy1, v)).body.path);
    expect((await anyone().call("openFamilyLink", { params: { token: second } })).status).toBe(200);
    expect((await anyone().call("openFamilyLink", { params: { token: first } })).status).toBe(404);
    expect(await seeded.db.prisma.auditEvent.count({ where: { targetId: v.participantId, action: { in: ["visit.link_issued", "visit.link_revoked"] } } })).toBe(3);
  });

  it("five codes an hour per link: the sixth try is refused even when right", async () => {
    const v = await bookedVisit();
    const token = tokenOf((await issue(jy1, v)).body.path);
    const wrong = v.last4 === "0000" ? "1111" : "0000";
    const tries = await Promise.all(Array.from({ length: 20 }, () => anyone().call("verifyFamilyLink", { params: { token }, body: { idLast4: wrong } })));
    expect(tries.filter((t) => t.status === 400)).toHaveLength(5);
    expect(tries.filter((t) => t.status === 429)).toHaveLength(15);
    expect((await anyone().call("verifyFamilyLink", { params: { token }, body: { idLast4: v.last4 } })).status).toBe(429);
  });

  it("at a center: the hosting center's officer confirms the ID card in person, then its room's terminal joins; another county's officer cannot reach the visit", async () => {
    const v = await bookedVisit({ fromHome: false });
    const nh = await ApiClient.signIn("nh.officer");
    const before = await dataDigest(seeded.db, ["Visit", "VisitParticipant", "Room", "AuditEvent"]);
    expect((await nh.call("confirmVisitorId", { params: { id: v.id, participantId: v.participantId } })).status).toBe(404);
    expect((await nh.call("joinVisitAsStaff", { params: { id: v.id, side: "center" } })).status).toBe(404);
    expect((await nh.call("joinVisitAsStaff", { params: { id: v.id, side: "monitor" } })).status).toBe(404);
    expect((await nh.call("issueFamilyLink", { params: { id: v.id, participantId: v.participantId } })).status).toBe(404);
    // The center may not open the facility's terminal, nor the facility the center's room.
    expect((await gm.call("joinVisitAsStaff", { params: { id: v.id, side: "terminal" } })).status).toBe(403);
    expect((await jy1.call("joinVisitAsStaff", { params: { id: v.id, side: "center" } })).status).toBe(403);
    expect((await gm.call("joinVisitAsStaff", { params: { id: v.id, side: "center" } })).body.error?.fields).toEqual({ participants: "not_confirmed" });
    expect(await dataDigest(seeded.db, ["Visit", "VisitParticipant", "Room", "AuditEvent"])).toBe(before);
    // Confirmed 10× at once: one confirmation, one audit event.
    const confirms = await Promise.all(Array.from({ length: 10 }, () => gm.call("confirmVisitorId", { params: { id: v.id, participantId: v.participantId } })));
    expect(confirms.every((c) => c.status === 200)).toBe(true);
    expect(await seeded.db.prisma.auditEvent.count({ where: { targetId: v.participantId, action: "visit.id_confirmed" } })).toBe(1);
    const participant = await seeded.db.prisma.visitParticipant.findUniqueOrThrow({ where: { id: v.participantId } });
    const gmUser = await seeded.db.prisma.user.findUniqueOrThrow({ where: { username: "gm.officer" } });
    expect(participant).toMatchObject({ verifyMethod: "id_card", verifiedById: gmUser.id });
    const center = await gm.call("joinVisitAsStaff", { params: { id: v.id, side: "center" } });
    expect(center.status).toBe(200);
    expect(decodeJwt(center.body.token)).toMatchObject({ sub: `family:${v.id}`, role: "participant", lobby: true, name: "张秀兰" });
    // The center watches too.
    expect((await gm.call("joinVisitAsStaff", { params: { id: v.id, side: "monitor" } })).status).toBe(200);
  });

  it("a read-only inspector gets the record but never a family link or a way into the room", async () => {
    const v = await bookedVisit();
    const [inspector, gd] = await Promise.all([ApiClient.signIn("jy1.inspector"), ApiClient.signIn("gd.admin")]);
    expect((await inspector.call("getVisit", { params: { id: v.id } })).status).toBe(200);
    const before = await dataDigest(seeded.db, ["VisitParticipant", "Room", "AuditEvent"]);
    expect((await inspector.call("issueFamilyLink", { params: { id: v.id, participantId: v.participantId } })).status).toBe(403);
    for (const side of ["terminal", "monitor"]) expect((await inspector.call("joinVisitAsStaff", { params: { id: v.id, side } })).status).toBe(403);
    expect((await inspector.call("startVisit", { params: { id: v.id } })).status).toBe(403);
    expect((await inspector.call("cancelVisit", { params: { id: v.id }, body: { reason: "x", version: v.version } })).status).toBe(403);
    // The province above the facility reads, but does not act on visit day.
    expect((await gd.call("getVisit", { params: { id: v.id } })).status).toBe(200);
    expect((await gd.call("issueFamilyLink", { params: { id: v.id, participantId: v.participantId } })).status).toBe(403);
    expect(await dataDigest(seeded.db, ["VisitParticipant", "Room", "AuditEvent"])).toBe(before);
  });

  it("a privileged visit's tokens say so and never ask for a recording", async () => {
    const v = await bookedVisit({ privileged: true });
    const monitor = decodeJwt((await jy1.call("joinVisitAsStaff", { params: { id: v.id, side: "monitor" } })).body.token);
    expect(monitor).toMatchObject({ privileged: true, mustRecord: false });
    const token = tokenOf((await issue(jy1, v)).body.path);
    expect((await anyone().call("openFamilyLink", { params: { token } })).body).toMatchObject({ privileged: true, mustRecord: false });
  });

  it("start once; after it a side joining again goes straight in; the node's reports become the record: warnings, the end and how", async () => {
    const v = await bookedVisit();
    await jy1.call("joinVisitAsStaff", { params: { id: v.id, side: "monitor" } });
    const starts = await Promise.all(Array.from({ length: 10 }, () => jy1.call("startVisit", { params: { id: v.id } })));
    expect(starts.every((s) => s.status === 200)).toBe(true);
    expect(new Set(starts.map((s) => s.body.startedAt)).size).toBe(1);
    expect(await seeded.db.prisma.auditEvent.count({ where: { targetId: v.id, action: "visit.start" } })).toBe(1);
    // Started: a side that joins again (a reloaded phone, a reopened terminal) does not wait for a second start.
    const token = tokenOf((await issue(jy1, v)).body.path);
    const { ticket } = (await anyone().call("verifyFamilyLink", { params: { token }, body: { idLast4: v.last4 } })).body;
    await anyone().call("storeHomeSnapshot", { params: { token }, body: { ticket, imageBase64: TINY_JPEG } });
    expect(decodeJwt((await anyone().call("joinByFamilyLink", { params: { token }, body: { ticket } })).body.token)).toMatchObject({ role: "participant", lobby: false });
    expect(decodeJwt((await jy1.call("joinVisitAsStaff", { params: { id: v.id, side: "terminal" } })).body.token)).toMatchObject({ role: "participant", lobby: false });
    const { roomId } = await seeded.db.prisma.visit.findUniqueOrThrow({ where: { id: v.id } });
    const jyUser = await seeded.db.prisma.user.findUniqueOrThrow({ where: { username: "jy1.officer" } });
    const at = (s: number) => new Date(Date.now() + s * 1000).toISOString();
    await recordMediaEvents([
      { type: "peer.joined", room: roomId!, identity: `visitor:${v.participantId}`, name: "张秀兰", role: "participant", at: at(1), node: "n1" },
      { type: "room.notice", room: roomId!, identity: `user:${jyUser.id}`, preset: "conduct", text: "", at: at(2), node: "n1" },
      { type: "room.closed", room: roomId!, reason: "terminated", note: "违反会见规定", by: `user:${jyUser.id}`, at: at(3), node: "n1" },
      { type: "peer.left", room: roomId!, identity: `visitor:${v.participantId}`, reason: "room_closed", at: at(3), node: "n1" },
    ]);
    const record = (await jy1.call("getVisit", { params: { id: v.id } })).body;
    expect(record).toMatchObject({ state: "ended", endedBy: "邓卫东", endReason: "违反会见规定" });
    expect(record.warnings).toEqual([expect.objectContaining({ by: "邓卫东", text: "preset:conduct" })]);
    expect(record.participants[0].joinedAt).not.toBeNull();
    expect(record.participants[0].leftAt).not.toBeNull();
    const row = await seeded.db.prisma.visit.findUniqueOrThrow({ where: { id: v.id } });
    expect(row.endedHow).toBe("terminated");
    // Over: no more links, grants or starts.
    expect((await jy1.call("joinVisitAsStaff", { params: { id: v.id, side: "terminal" } })).body.error?.fields).toEqual({ visit: "ended" });
    expect((await jy1.call("startVisit", { params: { id: v.id } })).status).toBe(409);
  });

  it("cancel frees the room and terminal and withdraws the links; 20 cancels at once change it once", async () => {
    const v = await bookedVisit({ startsAt: new Date(Date.now() + 3 * 3600_000), fromHome: false });
    await seeded.db.prisma.visitReservation.createMany({
      data: [r.gmRoom, r.terminal2].map((resourceId) => ({ visitId: v.id, resourceId, startsAt: new Date(Date.now() + 3 * 3600_000), endsAt: new Date(Date.now() + 3.35 * 3600_000) })),
    });
    await seeded.db.prisma.visitParticipant.update({ where: { id: v.participantId }, data: { linkIssuedAt: new Date() } });
    expect((await gm.call("cancelVisit", { params: { id: v.id }, body: { reason: "家属改期", version: v.version } })).status).toBe(403);
    expect((await jy1.call("cancelVisit", { params: { id: v.id }, body: { reason: "", version: v.version } })).status).toBe(400);
    const results = await Promise.all(Array.from({ length: 20 }, () => jy1.call("cancelVisit", { params: { id: v.id }, body: { reason: "家属改期", version: v.version } })));
    expect(results.filter((x) => x.status === 200)).toHaveLength(1);
    expect(results.filter((x) => x.status === 409)).toHaveLength(19);
    expect(await seeded.db.prisma.visitReservation.count({ where: { visitId: v.id } })).toBe(0);
    expect(await seeded.db.prisma.visit.findUniqueOrThrow({ where: { id: v.id } })).toMatchObject({ state: "cancelled", cancelReason: "家属改期" });
    expect((await seeded.db.prisma.visitParticipant.findUniqueOrThrow({ where: { id: v.participantId } })).linkRevokedAt).not.toBeNull();
    expect(await seeded.db.prisma.auditEvent.count({ where: { targetId: v.id, action: "visit.cancel" } })).toBe(1);
  });
  it("a 帮教 session gets the same doors: the center issues the invitee's link (checked with the phone's last 4), confirms in person, opens its room; the facility watches", async () => {
    const hc = await ApiClient.signIn("hc.officer");
    const held = await seeded.db.prisma.heldPerson.findFirstOrThrow({ where: { name: "陈国栋" } });
    const scheduled = await hc.call("scheduleHelpSession", {
      body: { heldPersonId: held.id, roomId: r.hcRoom, terminalId: r.terminal1, startsAt: slotStart(320), socialWorker: "社工 李敏", invitees: [{ name: "陈母", relationship: "parent", phone: "13900132468" }] },
    });
    expect(scheduled.status).toBe(201);
    const id = scheduled.body.id as string;
    // Moved to now, as visit day would find it (the booking itself is tested elsewhere).
    await seeded.db.prisma.visit.update({ where: { id }, data: { startsAt: new Date(Date.now() - MINUTE), endsAt: new Date(Date.now() + 20 * MINUTE) } });
    const invitee = await seeded.db.prisma.visitParticipant.findFirstOrThrow({ where: { visitId: id, role: "invitee" } });
    const issued = await hc.call("issueFamilyLink", { params: { id, participantId: invitee.id } });
    expect(issued.status).toBe(200);
    const token = tokenOf(issued.body.path);
    expect((await anyone().call("openFamilyLink", { params: { token } })).body).toMatchObject({ kind: "help_education", mustRecord: true });
    expect((await anyone().call("verifyFamilyLink", { params: { token }, body: { idLast4: "2468" } })).status).toBe(200);
    expect((await hc.call("confirmVisitorId", { params: { id, participantId: invitee.id } })).status).toBe(200);
    const center = await hc.call("joinVisitAsStaff", { params: { id, side: "center" } });
    expect(center.status).toBe(200);
    const monitor = await jy1.call("joinVisitAsStaff", { params: { id, side: "monitor" } });
    expect(decodeJwt(monitor.body.token)).toMatchObject({ room: decodeJwt(center.body.token).room, kind: "visit", endsAt: decodeJwt(center.body.token).endsAt, grants: { observe: true, moderate: true } });
    // The scheduling center may also cancel its own 帮教 session.
    const version = (await seeded.db.prisma.visit.findUniqueOrThrow({ where: { id } })).version;
    expect((await hc.call("cancelVisit", { params: { id }, body: { reason: "对象转监", version } })).status).toBe(200);
  });
});
