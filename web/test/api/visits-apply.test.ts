import { beforeAll, describe, expect, it } from "vitest";
import { PROOF_MAX_BYTES } from "@/lib/schemas/visits";
import { ApiClient } from "../support/api-client.ts";
import { dataDigest } from "../support/fixtures.ts";
import { useSeededApi } from "../support/seeded-api.ts";
import { applyBody, fromNewAddress, slotStart, visitResources } from "../support/visit-fixtures.ts";

const VISIT_TABLES = ["Visit", "VisitParticipant", "VisitReservation", "Visitor", "AuditEvent"];

describe("a family's application from the public form", () => {
  const seeded = useSeededApi();
  let r: Awaited<ReturnType<typeof visitResources>>;
  const anon = () => new ApiClient();
  const apply = (overrides: Record<string, unknown> = {}, headers = fromNewAddress()) =>
    anon().call("applyForVisit", { body: applyBody({ facilityId: r.jy1, roomId: r.gmRoom, ...overrides }), headers });

  beforeAll(async () => {
    r = await visitResources(seeded.db);
  });

  it("gives an application code whose status page says submitted with the last 4 of the ID", async () => {
    const body = applyBody({ facilityId: r.jy1, roomId: r.gmRoom, heldPersonName: "王海涛" });
    const applied = await anon().call("applyForVisit", { body, headers: fromNewAddress() });
    expect(applied.status).toBe(201);
    expect(applied.body.code).toMatch(/^[0-9A-Z]{10}$/);
    const status = await anon().call("visitStatus", { params: { visitCode: applied.body.code }, body: { idLast4: body.idNumber.slice(-4) } });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ state: "submitted", heldPersonName: "王海涛", facilityName: "广东省第一监狱", roomName: "测试会见室", startsAt: null, icsUrl: null });
    const visit = await seeded.db.prisma.visit.findUniqueOrThrow({ where: { code: applied.body.code }, include: { participants: true } });
    expect(visit.proofMime).toBe("image/jpeg");
    // The ID number itself is never stored: a keyed hash, a mask and the last 4.
    expect(JSON.stringify(visit.participants)).not.toContain(body.idNumber);
    expect(await seeded.db.prisma.auditEvent.count({ where: { targetId: visit.id, action: "visit.apply" } })).toBe(1);
  });

  it("answers a wrong ID ending exactly as an unknown code", async () => {
    const body = applyBody({ facilityId: r.jy1, roomId: r.gmRoom, heldPersonName: "赵永强" });
    const { code } = (await anon().call("applyForVisit", { body, headers: fromNewAddress() })).body;
    const wrong = await anon().call("visitStatus", { params: { visitCode: code }, body: { idLast4: body.idNumber.endsWith("0000") ? "1111" : "0000" } });
    const unknown = await anon().call("visitStatus", { params: { visitCode: "ZZZZZZZZZZ" }, body: { idLast4: "1234" } });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);
  });

  it("refuses a proof that is not an image or PDF by its bytes, whatever it claims, and writes nothing", async () => {
    const before = await dataDigest(seeded.db, VISIT_TABLES);
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 1)]).toString("base64");
    const result = await apply({ proofBase64: exe });
    expect(result.status).toBe(400);
    expect(result.body.error.fields).toEqual({ proofBase64: "unsupported_type" });
    expect(await dataDigest(seeded.db, VISIT_TABLES)).toBe(before);
  });

  it("accepts a PDF and refuses a proof over 5 MB", async () => {
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(100, 32)]).toString("base64");
    expect((await apply({ proofBase64: pdf, heldPersonName: "黄志明" })).status).toBe(201);
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(PROOF_MAX_BYTES + 10)]).toString("base64");
    const before = await dataDigest(seeded.db, VISIT_TABLES);
    const result = await apply({ proofBase64: big, heldPersonName: "黄志明" });
    expect(result.status).toBe(400);
    expect(result.body.error.fields.proofBase64).toBe("too_long");
    expect(await dataDigest(seeded.db, VISIT_TABLES)).toBe(before);
  });

  it("gives the same answer for an unknown held person, a person held elsewhere and a home visit that is not allowed", async () => {
    const unknown = await apply({ heldPersonName: "不存在的人" });
    const elsewhere = await apply({ heldPersonName: "周小龙" }); // held at the detox center, not this prison
    const home = await apply({ heldPersonName: "刘建军", fromHome: true, roomId: undefined });
    for (const result of [unknown, elsewhere, home]) {
      expect(result.status).toBe(400);
      expect(result.body).toEqual(unknown.body);
    }
    expect(unknown.body.error.fields).toEqual({ heldPersonName: "not_eligible" });
  });

  it("refuses a third application in a month for a person allowed two", async () => {
    const slot = slotStart(40 * 48); // 40 days ahead: a month of its own, away from the other tests
    const month = { heldPersonName: "林文杰", preferredSlots: [slot] };
    expect((await apply(month)).status).toBe(201);
    expect((await apply(month)).status).toBe(201);
    const third = await apply(month);
    expect(third.status).toBe(400);
    expect(third.body.error.fields).toEqual({ preferredSlots: "monthly_limit" });
  });

  it("refuses a time that is not a slot of the room", async () => {
    const off = new Date(Date.parse(slotStart(3)) + 7 * 60_000).toISOString();
    const result = await apply({ preferredSlots: [off], heldPersonName: "王海涛" });
    expect(result.status).toBe(400);
    expect(result.body.error.fields).toEqual({ preferredSlots: "not_a_slot" });
  });

  it("limits applications per address and per ID number", async () => {
    const address = fromNewAddress();
    const results = [];
    for (let i = 0; i < 21; i++) results.push((await apply({ heldPersonName: "不存在的人" }, address)).status);
    expect(results.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(results[20]).toBe(429);
    const idNumber = applyBody().idNumber;
    const byId = [];
    for (let i = 0; i < 6; i++) byId.push((await apply({ heldPersonName: "不存在的人", idNumber })).status);
    expect(byId).toEqual([400, 400, 400, 400, 400, 429]);
  });

  it("refuses a cross-site post even without a session", async () => {
    const result = await anon().call("applyForVisit", {
      body: applyBody({ facilityId: r.jy1, roomId: r.gmRoom }),
      headers: { ...fromNewAddress(), origin: "https://evil.example" },
    });
    expect(result.status).toBe(403);
    expect(result.body.error.code).toBe("csrf_failed");
  });
});
