import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { ApiClient } from "../support/api-client.ts";
import { dataDigest, TINY_JPEG } from "../support/fixtures.ts";
import { useSeededApi } from "../support/seeded-api.ts";
import { newIdNumber, visitResources } from "../support/visit-fixtures.ts";

// Issue 9 §5: the face snapshot a visitor took at home is seen by the officers who answer for the
// visit (the facility's, and the hosting center's for a visit it hosts), every view audited, and
// by nobody else: not another county, not a read-only role, not the province above.

const MINUTE = 60_000;
let codes = 0;

describe("a visitor's home snapshot", () => {
  const seeded = useSeededApi();
  let r: Awaited<ReturnType<typeof visitResources>>;
  const sha = createHash("sha256").update(Buffer.from(TINY_JPEG, "base64")).digest("hex");

  beforeAll(async () => {
    r = await visitResources(seeded.db);
  });

  /** A visit under way today with one participant who took a snapshot at home and one who did not. */
  async function visitWithSnapshot(options: { center?: boolean } = {}) {
    const held = await seeded.db.prisma.heldPerson.findFirstOrThrow({ where: { name: "陈国栋" } });
    const gmUnit = (await seeded.db.prisma.visitRoom.findUniqueOrThrow({ where: { id: r.gmRoom } })).unitId;
    const visit = await seeded.db.prisma.visit.create({
      data: {
        code: `SNP${String(++codes).padStart(5, "0")}`,
        // A center-hosted 帮教 session: its invitee joins by link from home, the center answers for it.
        kind: options.center ? "help_education" : "visit",
        state: "in_progress",
        heldPersonId: held.id,
        facilityId: r.jy1,
        fromHome: !options.center,
        familyUnitId: options.center ? gmUnit : null,
        familyRoomId: options.center ? r.gmRoom : null,
        terminalId: r.terminal2,
        startsAt: new Date(Date.now() - MINUTE),
        endsAt: new Date(Date.now() + 20 * MINUTE),
        mustRecord: true,
        participants: {
          create: [
            { role: options.center ? "invitee" : "applicant", name: "张秀兰", relationship: "parent", idNumberHash: `snap-${newIdNumber()}`, idNumberMasked: "4406**********0000", idLast4: "0000", verifyMethod: "home_snapshot", verifiedAt: new Date(), snapshotMime: "image/jpeg", snapshotBytes: Buffer.from(TINY_JPEG, "base64"), snapshotSha256: sha },
            { role: "co_visitor", name: "张小明", relationship: "child", idNumberHash: `snap-${newIdNumber()}`, idNumberMasked: "4406**********1111", idLast4: "1111" },
          ],
        },
      },
      include: { participants: { orderBy: { name: "asc" } } },
    });
    const withPhoto = visit.participants.find((p) => p.snapshotSha256)!;
    const without = visit.participants.find((p) => !p.snapshotSha256)!;
    return { id: visit.id, facilityPath: (await seeded.db.prisma.unit.findUniqueOrThrow({ where: { id: r.jy1 } })).path, withPhoto: withPhoto.id, without: without.id };
  }

  const views = (participantId: string) => seeded.db.prisma.auditEvent.findMany({ where: { action: "visit.snapshot_viewed", targetId: participantId }, orderBy: { seq: "asc" } });

  it("the facility's officer sees it, and every view is one audit event in the chain, even 20 at once", async () => {
    const v = await visitWithSnapshot();
    const jy1 = await ApiClient.signIn("jy1.officer");
    const first = await jy1.call("getVisitSnapshot", { params: { id: v.id, participantId: v.withPhoto } });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/jpeg");
    expect(first.headers.get("x-content-sha256")).toBe(sha);
    expect(first.headers.get("cache-control")).toContain("no-store");
    const [event] = await views(v.withPhoto);
    expect(event).toMatchObject({ actorName: "邓卫东 (jy1.officer)", targetType: "VisitParticipant", unitPath: v.facilityPath, data: { visitId: v.id, sha256: sha } });

    const many = await Promise.all(Array.from({ length: 20 }, () => jy1.call("getVisitSnapshot", { params: { id: v.id, participantId: v.withPhoto } })));
    expect(many.map((m) => m.status)).toEqual(Array(20).fill(200));
    expect(await views(v.withPhoto)).toHaveLength(21);
    expect((await verifyAuditChain(seeded.db.prisma)).ok).toBe(true);
  });

  it("nobody else: another county, the facility's inspector, the province above, a center the visit is not at, a stranger; nothing is recorded for a refusal", async () => {
    const v = await visitWithSnapshot();
    const other = await visitWithSnapshot();
    const [inspector, gd, gm, nh, jds, jy1] = await Promise.all([ApiClient.signIn("jy1.inspector"), ApiClient.signIn("gd.admin"), ApiClient.signIn("gm.officer"), ApiClient.signIn("nh.officer"), ApiClient.signIn("jds.officer"), ApiClient.signIn("jy1.officer")]);
    const before = await dataDigest(seeded.db, ["AuditEvent", "VisitParticipant"]);
    const ask = (client: ApiClient, participantId = v.withPhoto, id = v.id) => client.call("getVisitSnapshot", { params: { id, participantId } });
    // Read-only roles read the record, never the visitor's face.
    expect((await ask(inspector)).status).toBe(403);
    expect((await ask(gd)).status).toBe(403);
    // Out of reach: a home visit has no hosting center; other counties and the other facility.
    for (const client of [gm, nh, jds]) expect((await ask(client)).status).toBe(404);
    expect((await ask(new ApiClient())).status).toBe(401);
    // A participant with no snapshot, and another visit's participant under this visit's id.
    expect((await ask(jy1, v.without)).status).toBe(404);
    expect((await ask(jy1, other.withPhoto)).status).toBe(404);
    expect((await ask(jy1, "not-an-id")).status).toBe(400);
    expect(await dataDigest(seeded.db, ["AuditEvent", "VisitParticipant"])).toBe(before);
  });

  it("a visit a center hosts: the center's officer sees it too, audited under the center; its inspector, a sibling county and an office below do not", async () => {
    const v = await visitWithSnapshot({ center: true });
    const [gm, gmInspector, nh, hc, jy1] = await Promise.all([ApiClient.signIn("gm.officer"), ApiClient.signIn("gm.inspector"), ApiClient.signIn("nh.officer"), ApiClient.signIn("hc.officer"), ApiClient.signIn("jy1.officer")]);
    const ask = (client: ApiClient) => client.call("getVisitSnapshot", { params: { id: v.id, participantId: v.withPhoto } });
    const before = await dataDigest(seeded.db, ["AuditEvent"]);
    expect((await ask(gmInspector)).status).toBe(403);
    expect((await ask(nh)).status).toBe(404);
    expect((await ask(hc)).status).toBe(404);
    expect(await dataDigest(seeded.db, ["AuditEvent"])).toBe(before);
    expect((await ask(gm)).status).toBe(200);
    expect((await ask(jy1)).status).toBe(200);
    const gmPath = (await seeded.db.prisma.unit.findFirstOrThrow({ where: { name: "高明区司法局" } })).path;
    expect((await views(v.withPhoto)).map((e) => [e.actorName, e.unitPath])).toEqual([
      ["陈志强 (gm.officer)", gmPath],
      ["邓卫东 (jy1.officer)", v.facilityPath],
    ]);
  });
});
