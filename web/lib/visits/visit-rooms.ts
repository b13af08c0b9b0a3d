import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { config } from "../config.ts";
import { getDb } from "../db/client.ts";
import { duplicateAs } from "../db/unique-violation.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import type { TVisitRoomCreate } from "../schemas/visits.ts";
import { FACILITY_KINDS } from "./visit-access.ts";

type RoomRow = { id: string; unitId: string; kind: "room" | "terminal"; name: string; openingHours: unknown; slotMinutes: number; closedDates: unknown; unit: { name: string } };

export function toVisitRoomDto(r: RoomRow) {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: r.unit.name,
    kind: r.kind,
    name: r.name,
    openingHours: r.openingHours as Record<string, Array<[string, string]>>,
    slotMinutes: r.slotMinutes,
    closedDates: (r.closedDates as string[]) ?? [],
  };
}

/**
 * Declares a visit room of a unit in the actor's subtree: a 会见室 at a center or office, or a
 * terminal when the unit is a facility. Admins and officers; slots no shorter than the configured minimum.
 */
export async function createVisitRoom(actor: Actor, input: TVisitRoomCreate) {
  const db = await getDb();
  const unit = await db.unit.findFirst({ where: { id: input.unitId, path: { startsWith: actor.unitPath } } });
  if (!unit) throw new NotFoundError("No such unit");
  assertRole(actor, ["admin", "officer"], "declare visit rooms");
  if (input.slotMinutes < config().visits.minSlotMinutes) {
    throw new ValidationError(`Slots are at least ${config().visits.minSlotMinutes} minutes`, { slotMinutes: "too_short" });
  }
  const kind = (FACILITY_KINDS as readonly string[]).includes(unit.kind) ? "terminal" : "room";
  const duplicate = () => new ConflictError("A visit room with this name already exists here", { name: "duplicate" });
  return db
    .$transaction(async (tx) => {
      const room = await tx.visitRoom.create({
        data: { unitId: unit.id, kind, name: input.name, openingHours: input.openingHours, slotMinutes: input.slotMinutes, closedDates: input.closedDates },
        include: { unit: { select: { name: true } } },
      });
      await appendAuditEvent(tx, auditActor(actor), {
        action: "visit_room.create",
        targetType: "VisitRoom",
        targetId: room.id,
        unitPath: unit.path,
        data: { name: room.name, kind, slotMinutes: room.slotMinutes, openingHours: input.openingHours, closedDates: input.closedDates },
      });
      return toVisitRoomDto(room);
    })
    .catch(duplicateAs(duplicate));
}

/** Visit rooms and terminals of units in the actor's subtree. */
export async function listVisitRooms(actor: Actor) {
  const db = await getDb();
  const rooms = await db.visitRoom.findMany({
    where: { active: true, unit: { path: { startsWith: actor.unitPath } } },
    include: { unit: { select: { name: true } } },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
  });
  return { items: rooms.map(toVisitRoomDto) };
}
