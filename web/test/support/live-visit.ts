import type { Database } from "@/lib/db/open-database";
import { newIdNumber } from "./visit-fixtures.ts";

/**
 * A visit in progress at a county's visit room (Room.kind = visit), written straight to the
 * database: visit day's own pages are not built yet, and inspection only reads what they will write.
 */
export async function liveVisit(db: Database, input: { unitName: string; kind: "visit" | "help_education"; privileged: boolean; title: string }) {
  const unit = await db.prisma.unit.findFirstOrThrow({ where: { name: input.unitName } });
  const facility = await db.prisma.unit.findFirstOrThrow({ where: { name: "广东省第一监狱" } });
  const held = await db.prisma.heldPerson.findFirstOrThrow({ where: { facilityId: facility.id }, orderBy: { name: "asc" } });
  const staff = await db.prisma.user.findFirstOrThrow({ where: { unitId: unit.id } });
  const terminal = await db.prisma.visitRoom.findFirstOrThrow({ where: { unitId: facility.id, kind: "terminal" } });
  const room = await db.prisma.room.create({ data: { kind: "visit", title: input.title, unitId: unit.id, createdById: staff.id } });
  const now = Date.now();
  await db.prisma.visit.create({
    data: {
      code: `T${now.toString(36)}${Math.random().toString(36).slice(2, 8)}`.toUpperCase(),
      kind: input.kind,
      state: "in_progress",
      heldPersonId: held.id,
      facilityId: facility.id,
      familyUnitId: unit.id,
      terminalId: terminal.id,
      privileged: input.privileged,
      mustRecord: !input.privileged,
      roomId: room.id,
      startsAt: new Date(now - 60_000),
      endsAt: new Date(now + 30 * 60_000),
      startedAt: new Date(now - 30_000),
      applicantIdLast4: newIdNumber().slice(-4),
    },
  });
  return room.id;
}
