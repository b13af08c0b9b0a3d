import { getDb } from "../db/client.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { slotsBetween, toSlotGrid, type Slot } from "./slot-grid.ts";
import { FACILITY_KINDS } from "./visit-access.ts";

/** What the public form offers: the facilities (their names are public) and the family-side rooms. */
export async function visitOptions() {
  const db = await getDb();
  const facilities = await db.unit.findMany({ where: { kind: { in: [...FACILITY_KINDS] } }, orderBy: { name: "asc" }, select: { id: true, name: true, kind: true } });
  const rooms = await db.visitRoom.findMany({ where: { kind: "room", active: true }, orderBy: [{ unit: { path: "asc" } }, { name: "asc" }], include: { unit: { select: { name: true } } } });
  return {
    facilities: facilities.map((f) => ({ id: f.id, name: f.name, kind: f.kind as "prison" | "detox" })),
    rooms: rooms.map((r) => ({ id: r.id, name: r.name, unitName: r.unit.name })),
  };
}

/**
 * Free slots for the next `days` days: of one family-side room, or (home visits) of any of a
 * facility's terminals. A slot is free when no reservation overlaps it.
 */
export async function freeSlots(query: { roomId?: string; facilityId?: string; days: number }) {
  const db = await getDb();
  const where = query.roomId
    ? { id: query.roomId, kind: "room" as const, active: true }
    : query.facilityId
      ? { unitId: query.facilityId, kind: "terminal" as const, active: true, unit: { kind: { in: [...FACILITY_KINDS] } } }
      : null;
  if (!where) throw new ValidationError("Give a room or a facility", { roomId: "required" });
  const resources = await db.visitRoom.findMany({ where });
  if (resources.length === 0) throw new NotFoundError("No such room");
  const from = new Date();
  const to = new Date(from.getTime() + query.days * 24 * 3600_000);
  const reservations = await db.visitReservation.findMany({
    where: { resourceId: { in: resources.map((r) => r.id) }, endsAt: { gt: from }, startsAt: { lt: to } },
    select: { resourceId: true, startsAt: true, endsAt: true },
  });
  const byStart = new Map<number, Slot>();
  for (const resource of resources) {
    const taken = reservations.filter((r) => r.resourceId === resource.id);
    for (const slot of slotsBetween(toSlotGrid(resource), new Date(from.getTime() + 60_000), to)) {
      if (taken.some((t) => t.startsAt < slot.endsAt && t.endsAt > slot.startsAt)) continue;
      byStart.set(slot.startsAt.getTime(), slot);
    }
  }
  const slots = [...byStart.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).slice(0, 500);
  return { slots: slots.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })) };
}
