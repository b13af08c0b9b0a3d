import type { Database } from "@/lib/db/open-database";
import { visitFixtures } from "./visit-fixtures.ts";

/** The smallest JPEG header the evidence check accepts (SOI + APP0), for API tests. */
export const TINY_JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]).toString("base64");

/** Ids of the demo units, staff and one person per justice office, looked up by name. */
export async function demoFixtures(db: Database) {
  const units = await db.prisma.unit.findMany();
  const users = await db.prisma.user.findMany();
  const unit = (name: string) => units.find((u) => u.name === name)!.id;
  const user = (username: string) => users.find((u) => u.username === username)!.id;
  const personIn = async (unitName: string) =>
    (await db.prisma.supervisedPerson.findFirstOrThrow({ where: { unitId: unit(unitName) }, orderBy: { name: "asc" } })).id;
  const gmOfficer = await db.prisma.user.findUniqueOrThrow({ where: { username: "gm.officer" } });
  const room = async (title: string) =>
    (
      await db.prisma.room.create({
        data: { title, unitId: unit("高明区司法局"), createdById: gmOfficer.id, hostCode: `host-${title}-0123456789`, guestCode: `guest-${title}-0123456789` },
      })
    ).id;
  const hcPersons = await db.prisma.supervisedPerson.findMany({ where: { unitId: unit("荷城司法所") }, orderBy: { name: "asc" }, take: 3 });
  const rollCall = async (title: string, startsInMs = 24 * 3600_000) => {
    const startsAt = new Date(Date.now() + startsInMs);
    const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
    const created = await db.prisma.rollCall.create({
      data: { title, unitId: unit("高明区司法局"), startsAt, graceMinutes: 10, endsAt, createdById: gmOfficer.id },
    });
    await db.prisma.rollCallEntry.createMany({ data: hcPersons.map((p) => ({ rollCallId: created.id, personId: p.id, linkExpiresAt: endsAt })) });
    return created.id;
  };
  const rollCallToRead = await rollCall("周一点名");
  const liveRollCall = await rollCall("进行中");
  const liveRoom = await db.prisma.room.create({
    data: { kind: "rollcall", title: "进行中", unitId: unit("高明区司法局"), createdById: gmOfficer.id, hostCode: "host-live-0123456789", guestCode: "guest-live-0123456789" },
  });
  await db.prisma.rollCall.update({ where: { id: liveRollCall }, data: { state: "live", roomId: liveRoom.id, openedAt: new Date() } });
  const liveEntry = await db.prisma.rollCallEntry.findFirstOrThrow({ where: { rollCallId: liveRollCall } });
  await db.prisma.rollCallEntry.update({ where: { id: liveEntry.id }, data: { challengeKind: "digits", challengeValue: "1234", challengeIssuedAt: new Date() } });
  const evidence = await db.prisma.rollCallEvidence.create({
    data: { entryId: liveEntry.id, mimeType: "image/jpeg", bytes: Buffer.from(TINY_JPEG, "base64"), sha256: "x", width: 16, height: 16, takenById: gmOfficer.id },
  });
  // A person of the live roll call marked 请假 with a document behind it (issue 13 §5).
  const excusedEntry = await db.prisma.rollCallEntry.findFirstOrThrow({ where: { rollCallId: liveRollCall, id: { not: liveEntry.id } }, orderBy: { id: "desc" } });
  await db.prisma.rollCallEntry.update({ where: { id: excusedEntry.id }, data: { status: "excused", excuseReason: "病假", markedAt: new Date(), markedById: gmOfficer.id } });
  const excuseAttachment = await db.prisma.rollCallAttachment.create({
    data: { entryId: excusedEntry.id, mimeType: "image/jpeg", bytes: Buffer.from(TINY_JPEG, "base64"), sha256: "z", size: 14, uploadedById: gmOfficer.id },
  });
  // A face enrolment of a 杨和 person (photo and descriptor stand-ins: reading needs no engine).
  const faceEnrolmentYh = await db.prisma.faceEnrolment.create({
    data: { personId: await personIn("杨和司法所"), mimeType: "image/jpeg", photo: Buffer.from(TINY_JPEG, "base64"), sha256: "y", width: 16, height: 16, descriptor: new Uint8Array(512), faceScore: 0.99, source: "upload", enrolledById: gmOfficer.id },
  });
  return {
    unit,
    user,
    faceEnrolmentYh: faceEnrolmentYh.id,
    personHc: await personIn("荷城司法所"),
    personYh: await personIn("杨和司法所"),
    personGc: await personIn("桂城司法所"),
    roomToJoin: await room("join"),
    roomToClose: await room("close"),
    hcPersonIds: hcPersons.map((p) => p.id),
    rollCallToRead,
    rollCallEntry: (await db.prisma.rollCallEntry.findFirstOrThrow({ where: { rollCallId: rollCallToRead } })).id,
    rollCallToEdit: await rollCall("待修改"),
    rollCallToCancel: await rollCall("待取消"),
    // Within the console's lead time (15 minutes by default): these are opened by tests.
    rollCallToOpen: await rollCall("待开始", 5 * 60_000),
    liveRollCall,
    liveEntry: liveEntry.id,
    evidenceId: evidence.id,
    excusedEntry: excusedEntry.id,
    excuseAttachmentId: excuseAttachment.id,
    rollCallToEnd: await rollCall("待结束", 5 * 60_000),
    visits: await visitFixtures(db),
  };
}

const WRITABLE_TABLES = [
  "Unit", "User", "SupervisedPerson", "AuditEvent", "Session", "Room", "RoomEvent", "RollCall", "RollCallEntry", "RollCallEvidence", "RollCallAttachment",
  "HeldPerson", "Visitor", "VisitRoom", "Visit", "VisitParticipant", "VisitReservation", "VisitWarning",
  "CheckInPlan", "PhoneCredential", "SelfCheckIn",
  "InspectionView", "ReportCall", "ReportCallCenter",
  "MediaNode",
];

/** Every table but Session, whose lastSeenAt moves on reads too. */
export const RECORD_TABLES = WRITABLE_TABLES.filter((t) => t !== "Session");

/** A digest of every row an API write could touch: equal digests mean nothing changed. */
export async function dataDigest(db: Database, tables: readonly string[] = WRITABLE_TABLES): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const [row] = await db.sql.query<{ digest: string | null }>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${table}" t`,
    );
    parts.push(`${table}:${row?.digest}`);
  }
  return parts.join(",");
}
