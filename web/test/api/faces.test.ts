import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { faceEngine } from "@/lib/faces/face-engine-client";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "../support/api-client.ts";
import { countOf, expectIntactChain, times } from "../support/concurrency.ts";
import { blankPhoto, facePhoto, groupPhoto } from "../support/face-photos.ts";
import { demoFixtures } from "../support/fixtures.ts";
import { openLiveRollCall } from "../support/live-roll-call.ts";

const b64 = (bytes: Buffer) => bytes.toString("base64");

// The real face engine (worker thread, WASM) runs in these tests: allow for a loaded machine.
describe("face enrolment, audited photo views and the face match of roll-call snapshots", { timeout: 180_000 }, () => {
  let db: Database;
  let f: Awaited<ReturnType<typeof demoFixtures>>;
  let officer: ApiClient;

  beforeAll(async () => {
    db = await useSeededDatabase();
    f = await demoFixtures(db);
    officer = await ApiClient.signIn("gm.officer");
  }, 180_000);
  afterAll(async () => {
    await faceEngine().close();
    await closeDatabase();
  });

  it("enrols one clear face with its hash in the audit chain, and keeps the previous enrolment as history", async () => {
    const person = f.hcPersonIds[0]!;
    const photo = facePhoto("a");
    const first = await officer.call("enrolFace", { params: { id: person }, body: { jpegBase64: b64(photo), source: "camera" } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ sha256: createHash("sha256").update(photo).digest("hex"), current: true, source: "camera" });
    expect(first.body.faceScore).toBeGreaterThan(0.8);
    const second = await officer.call("enrolFace", { params: { id: person }, body: { jpegBase64: b64(facePhoto("a", { margin: 0.6 })), source: "upload" } });
    expect(second.status).toBe(201);

    const list = (await officer.call("listFaceEnrolments", { params: { id: person } })).body.enrolments;
    expect(list.map((e: { id: string; current: boolean }) => [e.id, e.current])).toEqual([[second.body.id, true], [first.body.id, false]]);
    expect(JSON.stringify(list)).not.toContain("descriptor");
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "face.enrolled", targetId: person, data: { path: ["enrolmentId"], equals: first.body.id } } });
    expect(audit.data).toMatchObject({ sha256: first.body.sha256, source: "camera" });
  });

  it("refuses a photo with no face or several faces, saying what to do, and stores nothing", async () => {
    const person = f.hcPersonIds[1]!;
    const none = await officer.call("enrolFace", { params: { id: person }, body: { jpegBase64: b64(blankPhoto()), source: "upload" } });
    expect(none.status).toBe(400);
    expect(none.body.error.fields).toEqual({ jpegBase64: "no_face" });
    const group = await officer.call("enrolFace", { params: { id: person }, body: { jpegBase64: b64(groupPhoto()), source: "upload" } });
    expect(group.status).toBe(400);
    expect(group.body.error.fields).toEqual({ jpegBase64: "several_faces" });
    const notJpeg = await officer.call("enrolFace", { params: { id: person }, body: { jpegBase64: b64(Buffer.from("not an image at all")), source: "upload" } });
    expect(notJpeg.status).toBe(400);
    expect(await db.prisma.faceEnrolment.count({ where: { personId: person } })).toBe(0);
  });

  it("audits every view of a photo, and hides photos and enrolments outside the viewer's subtree", async () => {
    const person = f.hcPersonIds[0]!;
    const [current] = (await officer.call("listFaceEnrolments", { params: { id: person } })).body.enrolments;
    const inspector = await ApiClient.signIn("gm.inspector");
    const seen = await inspector.call("getFacePhoto", { params: { id: person, enrolmentId: current.id } });
    expect(seen.status).toBe(200);
    expect(seen.headers.get("content-type")).toBe("image/jpeg");
    expect(seen.headers.get("cache-control")).toContain("no-store");
    expect(await db.prisma.auditEvent.count({ where: { action: "face.photo_viewed", targetId: person, actorId: f.user("gm.inspector") } })).toBe(1);
    for (const username of ["nh.officer", "yh.officer"]) {
      const stranger = await ApiClient.signIn(username);
      expect((await stranger.call("getFacePhoto", { params: { id: person, enrolmentId: current.id } })).status).toBe(404);
      expect((await stranger.call("listFaceEnrolments", { params: { id: person } })).status).toBe(404);
      expect((await stranger.call("deleteFaceEnrolments", { params: { id: person } })).status).toBe(404);
    }
    // An enrolment id of another person through this person's URL is not found either.
    expect((await officer.call("getFacePhoto", { params: { id: f.hcPersonIds[1]!, enrolmentId: current.id } })).status).toBe(404);
    expect((await inspector.call("enrolFace", { params: { id: person }, body: { jpegBase64: b64(facePhoto("a")), source: "upload" } })).status).toBe(403);
  });

  it("compares a roll-call snapshot with the enrolled face: the same person passes, another fails, and the result is stored with the evidence", async () => {
    const [same, other, unenrolled] = f.hcPersonIds as [string, string, string];
    expect((await officer.call("enrolFace", { params: { id: other }, body: { jpegBase64: b64(facePhoto("b")), source: "upload" } })).status).toBe(201);
    const live = await openLiveRollCall(officer, { title: "人脸比对点名", unitId: f.unit("荷城司法所"), personIds: [same, other, unenrolled] });
    const entries = (await officer.call("getRollCall", { params: { id: live.id } })).body.entries as Array<{ id: string; personId: string }>;
    const entryOf = (personId: string) => entries.find((e) => e.personId === personId)!.id;
    const snap = async (personId: string, jpeg: Buffer) =>
      officer.call("storeRollCallEvidence", { params: { id: live.id, entryId: entryOf(personId) }, body: { jpegBase64: b64(jpeg), width: 320, height: 320 } });

    const match = await snap(same, facePhoto("a", { width: 300, shift: 0.1, margin: 0.7 }));
    expect(match.status, JSON.stringify(match.body)).toBe(201);
    expect(match.body.faceMatch).toMatchObject({ status: "compared", verdict: "pass" });
    const impostor = await snap(other, facePhoto("c", { width: 300 }));
    expect(impostor.body.faceMatch).toMatchObject({ status: "compared", verdict: "fail" });
    expect((await snap(unenrolled, facePhoto("c"))).body.faceMatch).toEqual({ status: "not_enrolled" });
    expect((await snap(same, blankPhoto())).body.faceMatch).toMatchObject({ status: "no_face", verdict: "review" });

    const stored = await db.prisma.rollCallEvidence.findUniqueOrThrow({ where: { id: match.body.id } });
    expect(stored.faceMatch).toMatchObject({ status: "compared", score: match.body.faceMatch.score });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "rollcall.evidence", data: { path: ["evidenceId"], equals: match.body.id } } });
    expect(audit.data).toMatchObject({ face: { status: "compared", verdict: "pass" } });
  });

  it("keeps exactly one current enrolment when several are saved at once", async () => {
    const person = f.personHc;
    const results = await times(4, (i) => officer.call("enrolFace", { params: { id: person }, body: { jpegBase64: b64(facePhoto("b", { margin: 0.45 + i * 0.05 })), source: "upload" } }));
    expect(countOf(results, 201), JSON.stringify(results.map((r) => r.body))).toBe(4);
    expect(await db.prisma.faceEnrolment.count({ where: { personId: person, supersededAt: null } })).toBe(1);
    expect(await db.prisma.faceEnrolment.count({ where: { personId: person } })).toBeGreaterThanOrEqual(4);
    await expectIntactChain(db);
  });

  it("deletes every photo and descriptor of a person with the enrolment; later snapshots say not enrolled", async () => {
    const person = f.hcPersonIds[0]!;
    const before = await db.prisma.faceEnrolment.findMany({ where: { personId: person }, select: { id: true, sha256: true } });
    const deleted = await officer.call("deleteFaceEnrolments", { params: { id: person } });
    expect(deleted.body).toEqual({ deleted: before.length });
    expect(await db.prisma.faceEnrolment.count({ where: { personId: person } })).toBe(0);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "face.enrolment_deleted", targetId: person } });
    expect(audit.data).toMatchObject({ deleted: expect.arrayContaining(before) });
    expect((await officer.call("listFaceEnrolments", { params: { id: person } })).body.enrolments).toEqual([]);
  });

  it("sets a residence area, audited, and refuses impossible coordinates", async () => {
    const person = f.hcPersonIds[2]!;
    const area = { latitude: 22.8866, longitude: 112.8827, radiusMeters: 500, mayLeave: false, address: "荷城街道文华路 1 号" };
    const set = await officer.call("setResidenceArea", { params: { id: person }, body: area });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((await officer.call("getResidenceArea", { params: { id: person } })).body).toMatchObject(area);
    for (const bad of [{ ...area, latitude: 91 }, { ...area, radiusMeters: 10 }, { ...area, longitude: "112" }]) {
      expect((await officer.call("setResidenceArea", { params: { id: person }, body: bad })).status).toBe(400);
    }
    expect(await db.prisma.auditEvent.count({ where: { action: "person.residence_area_set", targetId: person } })).toBe(1);
  });
});
