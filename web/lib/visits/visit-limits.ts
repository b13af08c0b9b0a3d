import type { Tx } from "../db/transaction.ts";
import { chinaDate } from "./slot-grid.ts";

/**
 * States that use up one of the month's visits. For a new application an open one counts too
 * (until it is decided); a booking competes only with other bookings, so a pending application
 * that may yet be rejected never blocks one.
 */
const COUNTED_FOR_APPLYING = ["submitted", "booked", "in_progress", "ended"] as const;
const COUNTED_FOR_BOOKING = ["booked", "in_progress", "ended"] as const;

/** "YYYY-MM" in China time: the month a visit counts against. */
export const chinaMonth = (at: Date) => chinaDate(at).slice(0, 7);

/** The instant that decides a visit's month: its booked start, else the first slot the family asked for. */
export function visitMonthAnchor(visit: { startsAt: Date | null; preferredSlots: unknown; createdAt: Date }): Date {
  if (visit.startsAt) return visit.startsAt;
  const first = Array.isArray(visit.preferredSlots) ? (visit.preferredSlots[0] as { startsAt?: string } | undefined)?.startsAt : undefined;
  return first ? new Date(first) : visit.createdAt;
}

/**
 * How many family visits of this held person count against the month of `at`, not counting
 * `exceptVisitId`. Run under the held person's row lock so that two applications (or bookings)
 * cannot both take the last visit of a month.
 */
export async function visitsInMonth(tx: Tx, heldPersonId: string, at: Date, exceptVisitId?: string, forBooking = false): Promise<number> {
  const month = chinaMonth(at);
  const around = new Date(at.getTime() - 62 * 24 * 3600_000);
  const visits = await tx.visit.findMany({
    where: { heldPersonId, kind: "visit", state: { in: forBooking ? [...COUNTED_FOR_BOOKING] : [...COUNTED_FOR_APPLYING] }, createdAt: { gt: around }, ...(exceptVisitId ? { id: { not: exceptVisitId } } : {}) },
    select: { startsAt: true, preferredSlots: true, createdAt: true },
  });
  return visits.filter((v) => chinaMonth(visitMonthAnchor(v)) === month).length;
}

export async function lockHeldPerson(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT 1 FROM "HeldPerson" WHERE id = ${id} FOR UPDATE`;
  return tx.heldPerson.findUniqueOrThrow({ where: { id } });
}

/** Visit rooms and terminals, locked in id order (one order everywhere: no deadlock between two bookings). */
export async function lockResources(tx: Tx, ids: string[]) {
  const sorted = [...new Set(ids)].sort();
  for (const id of sorted) await tx.$queryRaw`SELECT 1 FROM "VisitRoom" WHERE id = ${id} FOR UPDATE`;
}

/** Whether any of the resources is held by another visit at some moment of [startsAt, endsAt). */
export async function isAnyResourceTaken(tx: Tx, resourceIds: string[], startsAt: Date, endsAt: Date, exceptVisitId?: string) {
  const clash = await tx.visitReservation.findFirst({
    where: { resourceId: { in: resourceIds }, startsAt: { lt: endsAt }, endsAt: { gt: startsAt }, ...(exceptVisitId ? { visitId: { not: exceptVisitId } } : {}) },
    select: { id: true },
  });
  return clash !== null;
}
