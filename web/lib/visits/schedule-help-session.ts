import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { duplicateAs } from "../db/unique-violation.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import type { THelpSessionCreate } from "../schemas/visits.ts";
import { newApplicationCode } from "./application-code.ts";
import { slotTaken } from "./book-visit.ts";
import { isOpenOver, slotStartingAt, toSlotGrid } from "./slot-grid.ts";
import { isAnyResourceTaken, lockHeldPerson, lockResources } from "./visit-limits.ts";

const COUNTY = 4;

/**
 * 远程帮教: an officer of a county center or justice office books a session with a held person to
 * be released into its area, in one of its own visit rooms and one of the facility's terminals.
 * No application: it is booked at once, with family invitees (their links are issued on visit
 * day) and a social worker. Same reservations, so it never clashes with a family visit.
 */
export async function scheduleHelpSession(actor: Actor, input: THelpSessionCreate) {
  if (actor.role !== "officer" && actor.role !== "admin") throw new ForbiddenError(`Role ${actor.role} may not schedule 帮教 sessions`);
  if (actor.unitLevel < COUNTY) throw new ForbiddenError("帮教 sessions are scheduled by a county center or a justice office");
  const db = await getDb();
  const startsAt = new Date(input.startsAt);
  return db
    .$transaction(async (tx) => {
      const held = await tx.heldPerson.findFirst({
        where: { id: input.heldPersonId, status: "held", releaseUnit: { path: { startsWith: actor.unitPath } } },
        include: { facility: true },
      });
      if (!held) throw new NotFoundError("No held person to be released into your area with this id", { heldPersonId: "not_found" });
      const room = await tx.visitRoom.findFirst({ where: { id: input.roomId, kind: "room", active: true, unit: { path: { startsWith: actor.unitPath } } }, include: { unit: true } });
      if (!room) throw new NotFoundError("No visit room of your unit with this id", { roomId: "not_found" });
      const terminal = await tx.visitRoom.findFirst({ where: { id: input.terminalId, kind: "terminal", active: true, unitId: held.facilityId } });
      if (!terminal) throw new ValidationError("Choose a terminal of the person's facility", { terminalId: "not_found" });
      const slot = slotStartingAt(toSlotGrid(room), startsAt);
      if (!slot) throw new ValidationError("No slot of the room starts at this time", { startsAt: "not_a_slot" });
      if (slot.startsAt.getTime() <= Date.now()) throw new ValidationError("This slot has already begun", { startsAt: "in_past" });
      if (!isOpenOver(toSlotGrid(terminal), slot.startsAt, slot.endsAt)) throw new ValidationError("The terminal is not open at this time", { terminalId: "closed" });
      await lockHeldPerson(tx, held.id);
      await lockResources(tx, [room.id, terminal.id]);
      if (await isAnyResourceTaken(tx, [room.id, terminal.id], slot.startsAt, slot.endsAt)) throw slotTaken();
      const visit = await tx.visit.create({
        data: {
          code: newApplicationCode(),
          kind: "help_education",
          state: "booked",
          heldPersonId: held.id,
          facilityId: held.facilityId,
          familyUnitId: room.unitId,
          familyRoomId: room.id,
          terminalId: terminal.id,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          createdById: actor.userId,
          decidedById: actor.userId,
          decidedAt: new Date(),
          socialWorker: input.socialWorker || null,
          participants: {
            create: [
              ...input.invitees.map((i) => ({ role: "invitee" as const, name: i.name, relationship: i.relationship, phone: i.phone })),
              ...(input.socialWorker ? [{ role: "social_worker" as const, name: input.socialWorker }] : []),
            ],
          },
          reservations: { create: [room.id, terminal.id].map((resourceId) => ({ resourceId, startsAt: slot.startsAt, endsAt: slot.endsAt })) },
        },
      });
      await appendAuditEvent(tx, auditActor(actor), {
        action: "visit.schedule_help",
        targetType: "Visit",
        targetId: visit.id,
        unitPath: room.unit.path,
        data: { heldPersonId: held.id, facilityId: held.facilityId, roomId: room.id, terminalId: terminal.id, startsAt: slot.startsAt.toISOString(), invitees: input.invitees.length, socialWorker: input.socialWorker },
      });
      return { id: visit.id, code: visit.code, state: visit.state, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() };
    })
    .catch(duplicateAs(slotTaken));
}
