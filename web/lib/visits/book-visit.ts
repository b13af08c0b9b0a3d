import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { duplicateAs } from "../db/unique-violation.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { isOpenOver, slotStartingAt, toSlotGrid } from "./slot-grid.ts";
import { assertFacilityDecider } from "./visit-access.ts";
import { isAnyResourceTaken, lockHeldPerson, lockResources, visitsInMonth } from "./visit-limits.ts";

export const slotTaken = () => new ConflictError("This slot was just booked by another visit: choose another", { startsAt: "slot_taken" });

/**
 * Approves an application and books its slot: the family-side room (unless from home) and a
 * facility terminal, for one slot of the room's grid (one of the family's wishes or another free
 * one). Two bookings of one resource at one time cannot both succeed: the resources' rows are
 * locked before the overlap check, and the reservation's unique index holds if anything slips by.
 */
export async function bookVisit(actor: Actor, visitId: string, input: { startsAt: string; terminalId: string; version: number }) {
  const db = await getDb();
  const startsAt = new Date(input.startsAt);
  return db
    .$transaction(async (tx) => {
      const found = await tx.visit.findFirst({ where: { id: visitId }, select: { facilityId: true } });
      const facility = await assertFacilityDecider(tx, actor, found?.facilityId ?? "00000000-0000-0000-0000-000000000000");
      await tx.$queryRaw`SELECT 1 FROM "Visit" WHERE id = ${visitId} FOR UPDATE`;
      const visit = await tx.visit.findUniqueOrThrow({ where: { id: visitId }, include: { familyRoom: true, participants: true } });
      if (visit.state !== "submitted") throw new ConflictError(`The visit is ${visit.state}, not waiting for a decision`, { state: visit.state });
      if (visit.version !== input.version) throw new ConflictError("The visit changed since you opened it: reload", { version: "stale" });
      const terminal = await tx.visitRoom.findFirst({ where: { id: input.terminalId, unitId: facility.id, kind: "terminal", active: true } });
      if (!terminal) throw new ValidationError("Choose one of the facility's terminals", { terminalId: "not_found" });
      const grid = toSlotGrid(visit.familyRoom ?? terminal);
      const slot = slotStartingAt(grid, startsAt);
      if (!slot) throw new ValidationError("No slot of the room starts at this time", { startsAt: "not_a_slot" });
      if (slot.startsAt.getTime() <= Date.now()) throw new ValidationError("This slot has already begun", { startsAt: "in_past" });
      if (!isOpenOver(toSlotGrid(terminal), slot.startsAt, slot.endsAt)) {
        throw new ValidationError("The terminal is not open at this time", { terminalId: "closed" });
      }
      const held = await lockHeldPerson(tx, visit.heldPersonId);
      const resources = [terminal.id, ...(visit.familyRoomId ? [visit.familyRoomId] : [])];
      await lockResources(tx, resources);
      if (await isAnyResourceTaken(tx, resources, slot.startsAt, slot.endsAt, visit.id)) throw slotTaken();
      if ((await visitsInMonth(tx, held.id, slot.startsAt, visit.id, true)) >= held.visitsPerMonth) {
        throw new ConflictError(`The held person's visits for that month are used up (${held.visitsPerMonth})`, { startsAt: "monthly_limit" });
      }
      const hashes = visit.participants.flatMap((p) => (p.idNumberHash ? [p.idNumberHash] : []));
      const banned = await tx.visitor.findFirst({ where: { heldPersonId: held.id, idNumberHash: { in: hashes }, bannedUntil: { gt: new Date() } } });
      if (banned) throw new ConflictError("A visitor on this application is banned", { participants: "banned" });

      await tx.visitReservation.createMany({ data: resources.map((resourceId) => ({ visitId: visit.id, resourceId, startsAt: slot.startsAt, endsAt: slot.endsAt })) });
      const now = new Date();
      const booked = await tx.visit.update({
        where: { id: visit.id },
        data: { state: "booked", startsAt: slot.startsAt, endsAt: slot.endsAt, terminalId: terminal.id, decidedById: actor.userId, decidedAt: now, version: { increment: 1 } },
      });
      // Approved visitors join the held person's visitor list, verified by this officer now.
      for (const p of visit.participants) {
        if (!p.idNumberHash || !p.idNumberMasked) continue;
        await tx.visitor.upsert({
          where: { heldPersonId_idNumberHash: { heldPersonId: held.id, idNumberHash: p.idNumberHash } },
          create: { heldPersonId: held.id, name: p.name, idNumberHash: p.idNumberHash, idNumberMasked: p.idNumberMasked, phone: p.phone, relationship: p.relationship, verifiedById: actor.userId, verifiedAt: now },
          update: { name: p.name, relationship: p.relationship, verifiedById: actor.userId, verifiedAt: now },
        });
      }
      await appendAuditEvent(tx, auditActor(actor), {
        action: "visit.book",
        targetType: "Visit",
        targetId: visit.id,
        unitPath: facility.path,
        data: { code: visit.code, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), terminalId: terminal.id, familyRoomId: visit.familyRoomId, fromHome: visit.fromHome },
      });
      return { id: booked.id, state: booked.state, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), version: booked.version };
    })
    .catch(duplicateAs(slotTaken));
}
