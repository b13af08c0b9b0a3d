import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { faceEngine } from "@/lib/faces/face-engine-client";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { countOf, expectIntactChain, times } from "../support/concurrency.ts";
import { facePhoto, livenessFrames } from "../support/face-photos.ts";
import { demoFixtures } from "../support/fixtures.ts";
import { SoftAuthenticator } from "../support/soft-authenticator.ts";

const ORIGIN = "http://portal.test";
const CENTRE = { latitude: 22.8866, longitude: 112.8827 };
// About 110 m north of the centre (inside a 500 m area) and about 3.3 km east (outside it).
const INSIDE = { latitude: 22.8876, longitude: 112.8827, accuracyMeters: 20 };
const OUTSIDE = { latitude: 22.8866, longitude: 112.915, accuracyMeters: 20 };
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" }));

describe("self check-in (自助报到) with a bound phone, liveness, face match and location", { timeout: 240_000 }, () => {
  let db: Database;
  let officer: ApiClient;
  const person = new Map<string, { id: string; token: string; phone: SoftAuthenticator; face: "a" | "b" | "c" }>();
  const anonymous = new ApiClient();
  // A person with a standing link but no phone yet (the phone-binding race).
  let spare: string;

  const setUp = async (key: string, personId: string, enrolled: "a" | "b" | "c") => {
    expect((await officer.call("enrolFace", { params: { id: personId }, body: { jpegBase64: facePhoto(enrolled).toString("base64"), source: "camera" } })).status).toBe(201);
    expect((await officer.call("setResidenceArea", { params: { id: personId }, body: { ...CENTRE, radiusMeters: 500, mayLeave: false, address: "" } })).status).toBe(200);
    const plan = await officer.call("setCheckInPlan", { params: { id: personId }, body: { windows: ALL_WEEK } });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    const token = (plan.body.link as string).replace(/^\/c\//, "");
    const phone = new SoftAuthenticator();
    expect((await officer.call("openPhoneBinding", { params: { id: personId } })).status).toBe(200);
    const options = await anonymous.call("phoneRegistrationOptions", { params: { token } });
    expect(options.status, JSON.stringify(options.body)).toBe(200);
    expect(options.body.authenticatorSelection).toMatchObject({ userVerification: "required" });
    const bound = await anonymous.call("registerPhone", { params: { token }, body: phone.register(options.body, ORIGIN) });
    expect(bound.status, JSON.stringify(bound.body)).toBe(201);
    person.set(key, { id: personId, token, phone, face: enrolled });
  };

  const checkIn = async (key: string, options: { face?: "a" | "b" | "c"; location?: typeof INSIDE | null; phone?: SoftAuthenticator; token?: string }) => {
    const p = person.get(key)!;
    const token = options.token ?? p.token;
    const start = await anonymous.call("checkInOptions", { params: { token } });
    if (start.status !== 200) return { start, result: start };
    const assertion = (options.phone ?? p.phone).assert({ challenge: start.body.webauthn.challenge }, ORIGIN);
    const frames = livenessFrames(options.face ?? p.face, start.body.liveness.direction);
    const result = await anonymous.call("submitCheckIn", { params: { token }, body: { challengeId: start.body.challengeId, assertion, frames, location: options.location === undefined ? INSIDE : options.location } });
    return { start, result, assertion, frames, challengeId: start.body.challengeId as string };
  };

  beforeAll(async () => {
    db = await useSeededDatabase();
    const f = await demoFixtures(db);
    officer = await ApiClient.signIn("hc.officer");
    const [p1, p2, p3] = f.hcPersonIds as [string, string, string];
    spare = (await db.prisma.supervisedPerson.findFirstOrThrow({ where: { unitId: f.unit("荷城司法所"), id: { notIn: f.hcPersonIds } } })).id;
    await setUp("inside", p1, "a");
    await setUp("outside", p2, "b");
    await setUp("otherFace", p3, "c");
  }, 240_000);
  afterAll(async () => {
    await faceEngine().close();
    await closeDatabase();
  });

  it("binds a phone only after the officer confirmed it, with user verification required", async () => {
    const p = person.get("inside")!;
    // Binding closed once used: a second phone needs the officer again.
    const again = await anonymous.call("phoneRegistrationOptions", { params: { token: p.token } });
    expect(again.status).toBe(403);
    expect(again.body.error.fields).toEqual({ binding: "not_open" });
    // A phone that did not verify its user is refused even while binding is open.
    await officer.call("openPhoneBinding", { params: { id: p.id } });
    const options = await anonymous.call("phoneRegistrationOptions", { params: { token: p.token } });
    const lazy = new SoftAuthenticator({ userVerified: false });
    const refused = await anonymous.call("registerPhone", { params: { token: p.token }, body: lazy.register(options.body, ORIGIN) });
    expect(refused.status).toBe(400);
    expect(await db.prisma.phoneCredential.count({ where: { personId: p.id } })).toBe(1);
  });

  it("binds one phone when several answer the same confirmation at once; the others are told binding closed", async () => {
    const personId = spare;
    const plan = await officer.call("setCheckInPlan", { params: { id: personId }, body: { windows: ALL_WEEK } });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    const token = (plan.body.link as string).replace(/^\/c\//, "");
    expect((await officer.call("openPhoneBinding", { params: { id: personId } })).status).toBe(200);
    // Five phones each fetch their own options (their own challenge), then all register in the same instant.
    const phones = Array.from({ length: 5 }, () => new SoftAuthenticator());
    const options = await times(5, () => anonymous.call("phoneRegistrationOptions", { params: { token } }));
    for (const o of options) expect(o.status).toBe(200);
    const results = await times(5, (i) => anonymous.call("registerPhone", { params: { token }, body: phones[i]!.register(options[i]!.body, ORIGIN) }));
    expect(countOf(results, 201), JSON.stringify(results.map((r) => r.status))).toBe(1);
    for (const refused of results.filter((r) => r.status !== 201)) {
      expect(refused.status).toBe(403);
      expect(refused.body.error.fields).toEqual({ binding: "not_open" });
    }
    expect(await db.prisma.phoneCredential.count({ where: { personId } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: "checkin.phone_bound", targetId: personId } })).toBe(1);
    expect((await db.prisma.checkInPlan.findUniqueOrThrow({ where: { personId } })).bindingOpenUntil).toBeNull();
    await expectIntactChain(db);
  });

  it("checks in a matching face inside the area as 已报到", async () => {
    const { result } = await checkIn("inside", {});
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    expect(result.body).toMatchObject({ status: "checked_in", reasons: [] });
    const stored = await db.prisma.selfCheckIn.findUniqueOrThrow({ where: { id: result.body.id } });
    expect(stored.faceMatch).toMatchObject({ status: "compared", verdict: "pass" });
    expect(stored.liveness).toMatchObject({ result: "passed" });
    expect(stored.distanceMeters).toBeGreaterThan(90);
    expect(stored.distanceMeters).toBeLessThan(130);
    expect(Math.round(stored.bearingDegrees!)).toBe(0);
    const link = await anonymous.call("openCheckInLink", { params: { token: person.get("inside")!.token } });
    expect(link.body.checkedIn).toMatchObject({ status: "checked_in" });
    expect(JSON.stringify(link.body)).not.toContain((await db.prisma.supervisedPerson.findUniqueOrThrow({ where: { id: person.get("inside")!.id } })).name);
  });

  it("leaves a check-in outside the area pending for the officer, with the reason", async () => {
    const { result } = await checkIn("outside", { location: OUTSIDE });
    expect(result.body).toMatchObject({ status: "pending", reasons: ["outside_area"] });
    const plan = await officer.call("getCheckInPlan", { params: { id: person.get("outside")!.id } });
    expect(plan.body.checkIns[0]).toMatchObject({ status: "pending", reasons: ["outside_area"], bearingDegrees: 90 });
    expect(plan.body.checkIns[0].distanceMeters).toBeGreaterThan(3000);
  });

  it("sends a different face to the officer for review", async () => {
    const { result } = await checkIn("otherFace", { face: "a" });
    expect(result.status).toBe(201);
    expect(result.body.status).toBe("pending");
    expect(result.body.reasons).toEqual(["face_mismatch"]);
  });

  it("refuses a replayed assertion, a second check-in in the same window, and several sent at once", async () => {
    // The "inside" person already checked in this window.
    const second = await checkIn("inside", {});
    expect(second.result.status).toBe(409);
    expect(second.result.body.error.fields).toEqual({ window: "already_checked_in" });
    // Replaying that request: its challenge is used up.
    const replay = await anonymous.call("submitCheckIn", { params: { token: person.get("inside")!.token }, body: { challengeId: second.challengeId, assertion: second.assertion, frames: second.frames, location: INSIDE } });
    expect(replay.status).toBe(403);
    expect(replay.body.error.fields).toEqual({ challenge: "used_or_expired" });

    // A person with no check-in yet sends five complete check-ins at once: one is recorded.
    await db.prisma.selfCheckIn.deleteMany({ where: { personId: person.get("outside")!.id } });
    const p = person.get("outside")!;
    const starts = await times(5, () => anonymous.call("checkInOptions", { params: { token: p.token } }));
    const results = await Promise.all(
      starts.map((s) =>
        anonymous.call("submitCheckIn", {
          params: { token: p.token },
          body: { challengeId: s.body.challengeId, assertion: p.phone.assert({ challenge: s.body.webauthn.challenge }, ORIGIN), frames: livenessFrames("b", s.body.liveness.direction), location: INSIDE },
        }),
      ),
    );
    expect(countOf(results, 201), JSON.stringify(results.map((r) => r.body))).toBe(1);
    expect(results.every((r) => r.status === 201 || r.status === 409 || r.status === 403)).toBe(true);
    expect(await db.prisma.selfCheckIn.count({ where: { personId: p.id } })).toBe(1);
    await expectIntactChain(db);
  });

  it("refuses another person's phone on a link, a forged link, and check-ins outside the windows", async () => {
    const inside = person.get("inside")!;
    await db.prisma.selfCheckIn.deleteMany({ where: { personId: person.get("otherFace")!.id } });
    // The link of "otherFace" with the phone of "inside": not this link's phone.
    const wrongPhone = await checkIn("otherFace", { phone: inside.phone });
    expect(wrongPhone.result.status).toBe(403);
    expect(wrongPhone.result.body.error.fields).toEqual({ phone: "not_bound" });
    const forged = `${inside.id}.AAAAAAAAAAAAAAAAAAAAAA`;
    expect((await anonymous.call("openCheckInLink", { params: { token: forged } })).status).toBe(404);
    expect((await anonymous.call("checkInOptions", { params: { token: forged } })).status).toBe(404);

    const now = new Date(Date.now() + 8 * 3600_000);
    const today = ((now.getUTCDay() + 6) % 7) + 1;
    await officer.call("setCheckInPlan", { params: { id: inside.id }, body: { windows: [{ weekday: (today % 7) + 1, start: "08:00", end: "20:00" }] } });
    const closed = await anonymous.call("checkInOptions", { params: { token: inside.token } });
    expect(closed.status).toBe(409);
    expect(closed.body.error.fields).toEqual({ window: "closed" });
    expect((await anonymous.call("openCheckInLink", { params: { token: inside.token } })).body).toMatchObject({ openWindow: null, nextWindowAt: expect.any(String) });
  });

  it("gives inspectors the check-in records but never the standing link; other subtrees get 404", async () => {
    const id = person.get("inside")!.id;
    const inspector = await ApiClient.signIn("gm.inspector");
    const seen = await inspector.call("getCheckInPlan", { params: { id } });
    expect(seen.status).toBe(200);
    expect(seen.body.link).toBeNull();
    expect(seen.body.checkIns.length).toBeGreaterThan(0);
    expect((await (await ApiClient.signIn("nh.officer")).call("getCheckInPlan", { params: { id } })).status).toBe(404);
    expect((await (await ApiClient.signIn("yh.officer")).call("openPhoneBinding", { params: { id } })).status).toBe(404);
  });
});
