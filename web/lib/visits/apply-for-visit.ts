import { createHash } from "node:crypto";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { config } from "../config.ts";
import { getDb } from "../db/client.ts";
import { isUniqueViolation } from "../db/unique-violation.ts";
import { ValidationError } from "../errors.ts";
import { hashIdNumber } from "../persons/id-number-hash.ts";
import { maskIdNumber, normalizeIdNumber } from "../persons/id-number.ts";
import type { TVisitApply } from "../schemas/visits.ts";
import { newApplicationCode } from "./application-code.ts";
import { readProof } from "./proof-type.ts";
import { reserveApplyAttempt } from "./reserve-apply-attempt.ts";
import { slotStartingAt, toSlotGrid, type Slot } from "./slot-grid.ts";
import { FACILITY_KINDS } from "./visit-access.ts";
import { isAnyResourceTaken, lockHeldPerson, lockResources, visitsInMonth } from "./visit-limits.ts";

export const PUBLIC_APPLICANT = { userId: null, displayName: "family (public form)" } as const;

/**
 * One answer for "no such person here", "released", "you are banned" and "home visits are not
 * allowed for them": the public form must not tell a stranger whether a name is held somewhere.
 */
const notEligible = () =>
  new ValidationError("No visit can be arranged with these details: check the name and the facility, or ask the facility", { heldPersonName: "not_eligible" });

/**
 * A family's application from the public form (no account). Rate limited per address and per ID
 * hash first (those bookings stay), then checked and written in one transaction under the held
 * person's row lock: a refused application writes nothing.
 */
export async function applyForVisit(input: TVisitApply, ip: string) {
  const proof = readProof(input.proofBase64);
  const { idHashKey, visits: limits } = config();
  const idNumber = normalizeIdNumber(input.idNumber);
  const idHash = hashIdNumber(idHashKey, idNumber);
  const coVisitors = input.coVisitors.map((v) => ({ ...v, idNumber: normalizeIdNumber(v.idNumber), idHash: hashIdNumber(idHashKey, v.idNumber) }));
  if (new Set([idHash, ...coVisitors.map((v) => v.idHash)]).size !== 1 + coVisitors.length) {
    throw new ValidationError("A visitor is listed twice", { coVisitors: "duplicate" });
  }
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await reserveApplyAttempt(tx, `visit-apply:addr:${ip}`, { max: limits.applyPerAddressPerHour, windowMs: 3600_000 });
  });
  await db.$transaction(async (tx) => {
    await reserveApplyAttempt(tx, `visit-apply:id:${idHash}`, { max: limits.applyPerIdPerDay, windowMs: 24 * 3600_000 });
  });

  const now = Date.now();
  const create = () =>
    db.$transaction(async (tx) => {
      const facility = await tx.unit.findFirst({ where: { id: input.facilityId, kind: { in: [...FACILITY_KINDS] } } });
      if (!facility) throw notEligible();
      const candidate = await tx.heldPerson.findFirst({ where: { facilityId: facility.id, name: input.heldPersonName, status: "held" }, orderBy: { id: "asc" } });
      if (!candidate) throw notEligible();
      const held = await lockHeldPerson(tx, candidate.id);
      if (held.status !== "held" || (input.fromHome && !held.homeVisitsAllowed)) throw notEligible();
      const banned = await tx.visitor.findFirst({
        where: { heldPersonId: held.id, idNumberHash: { in: [idHash, ...coVisitors.map((v) => v.idHash)] }, bannedUntil: { gt: new Date(now) } },
      });
      if (banned) throw notEligible();
      if (1 + coVisitors.length > held.visitorsPerVisit) {
        throw new ValidationError(`At most ${held.visitorsPerVisit} visitors per visit`, { coVisitors: "too_many" });
      }

      // The slots asked for: each on the grid of the family-side room (or of one of the facility's
      // terminals for a home visit), in the future, and not already booked.
      const grids = input.fromHome
        ? await tx.visitRoom.findMany({ where: { unitId: facility.id, kind: "terminal", active: true } })
        : await tx.visitRoom.findMany({ where: { id: input.roomId, kind: "room", active: true } });
      if (grids.length === 0) throw new ValidationError("Choose a visit room", { roomId: "not_found" });
      const slots: Slot[] = [];
      for (const at of input.preferredSlots) {
        const startsAt = new Date(at);
        const match = grids.map((g) => ({ g, slot: slotStartingAt(toSlotGrid(g), startsAt) })).find((m) => m.slot);
        if (!match || startsAt.getTime() <= now) throw new ValidationError("A chosen time is not a free slot", { preferredSlots: "not_a_slot" });
        slots.push(match.slot!);
      }
      await lockResources(tx, grids.map((g) => g.id));
      const familyRoom = input.fromHome ? null : grids[0]!;
      if (familyRoom) {
        for (const slot of slots) {
          if (await isAnyResourceTaken(tx, [familyRoom.id], slot.startsAt, slot.endsAt)) {
            throw new ValidationError("A chosen slot was just taken; choose another", { preferredSlots: "slot_taken" });
          }
        }
      }
      if ((await visitsInMonth(tx, held.id, slots[0]!.startsAt)) >= held.visitsPerMonth) {
        throw new ValidationError(`This person's visits for that month are used up (${held.visitsPerMonth})`, { preferredSlots: "monthly_limit" });
      }

      const code = newApplicationCode();
      const visit = await tx.visit.create({
        data: {
          code,
          heldPersonId: held.id,
          facilityId: facility.id,
          privileged: input.relationship === "lawyer",
          mustRecord: input.relationship !== "lawyer",
          fromHome: input.fromHome,
          familyUnitId: familyRoom?.unitId ?? null,
          familyRoomId: familyRoom?.id ?? null,
          preferredSlots: slots.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
          applicantIdHash: idHash,
          applicantIdLast4: idNumber.slice(-4),
          applicantPhone: input.phone,
          proofMime: proof.mime,
          proofBytes: new Uint8Array(proof.bytes),
          proofSha256: createHash("sha256").update(proof.bytes).digest("hex"),
          participants: {
            create: [
              { role: "applicant", name: input.name, relationship: input.relationship, idNumberHash: idHash, idNumberMasked: maskIdNumber(idNumber), idLast4: idNumber.slice(-4), phone: input.phone },
              ...coVisitors.map((v) => ({
                role: "co_visitor" as const,
                name: v.name,
                relationship: v.relationship,
                idNumberHash: v.idHash,
                idNumberMasked: maskIdNumber(v.idNumber),
                idLast4: v.idNumber.slice(-4),
              })),
            ],
          },
        },
      });
      await appendAuditEvent(tx, PUBLIC_APPLICANT, {
        action: "visit.apply",
        targetType: "Visit",
        targetId: visit.id,
        unitPath: facility.path,
        data: { code, heldPersonId: held.id, fromHome: input.fromHome, familyRoomId: familyRoom?.id ?? null, visitors: 1 + coVisitors.length, proofSha256: visit.proofSha256, proofMime: proof.mime },
      });
      return { code, statusUrl: `/visit/status/${code}` };
    });
  // A code collision (2^-50) is retried once with a new code; nothing was written by the first try.
  return create().catch((error) => {
    if (isUniqueViolation(error)) return create();
    throw error;
  });
}
