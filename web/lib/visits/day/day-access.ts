import type { Actor } from "../../auth/actor.ts";
import { getDb } from "../../db/client.ts";
import type { Tx } from "../../db/transaction.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../../errors.ts";
import { chinaDate } from "../slot-grid.ts";
import { FACILITY_KINDS } from "../visit-access.ts";

/** Which side of a visit the actor stands on: the facility's, or the hosting center's. */
export type VisitSide = "facility" | "center";

const DAY_ROLES = ["officer", "admin"] as const;

/**
 * The one rule for visit-day acts by staff (open the terminal, watch, confirm an ID card, issue
 * or revoke a family link, start): an officer or admin of the facility itself (`facility`), or of
 * the unit hosting the family-side room (`center`, or a unit above it). 404 when the visit is out
 * of the actor's reach; 403 for a read-only role, which reads the record but gets no links or
 * grants. The province above a facility reads the record but does not act on visit day.
 */
export async function visitForDayAct(tx: Tx, actor: Actor, visitId: string, sides: readonly VisitSide[]) {
  const visit = await tx.visit.findFirst({
    where: { id: visitId },
    include: { facility: { select: { id: true, name: true, path: true, kind: true } }, familyUnit: { select: { id: true, name: true, path: true } }, heldPerson: { select: { id: true, name: true } } },
  });
  if (!visit) throw new NotFoundError("No such visit");
  const facilitySide = actor.unitId === visit.facility.id && (FACILITY_KINDS as readonly string[]).includes(visit.facility.kind);
  const centerSide = visit.familyUnit !== null && visit.startsAt !== null && visit.familyUnit.path.startsWith(actor.unitPath);
  const inReach = visit.facility.path.startsWith(actor.unitPath) || centerSide;
  if (!inReach) throw new NotFoundError("No such visit");
  const side: VisitSide | null = facilitySide ? "facility" : centerSide ? "center" : null;
  if (!side || !sides.includes(side)) throw new ForbiddenError("This is done by the facility's officers or by the hosting center's");
  if (!(DAY_ROLES as readonly string[]).includes(actor.role)) throw new ForbiddenError(`Role ${actor.role} reads visit records but does not act on visit day`);
  return { visit, side };
}

/**
 * A visit that can be entered now: booked or under way, on its day (China time), before its end.
 * `fields.visit` says which of these it is not, so each page can say what to do.
 */
export function assertVisitDay(visit: { state: string; startsAt: Date | null; endsAt: Date | null }, now = new Date()) {
  if (visit.state === "cancelled") throw new ConflictError("This visit has been cancelled", { visit: "cancelled" });
  if (visit.state === "ended" || (visit.endsAt && visit.endsAt <= now)) throw new ConflictError("This visit is over", { visit: "ended" });
  if ((visit.state !== "booked" && visit.state !== "in_progress") || !visit.startsAt || !visit.endsAt) {
    throw new ConflictError("This visit is not booked", { visit: "not_booked" });
  }
  if (chinaDate(visit.startsAt) !== chinaDate(now)) throw new ConflictError("This visit is not today", { visit: "not_today" });
}

/** Serialises every visit-day change of one visit (links, room, start, end, cancel). */
export async function lockVisit(tx: Tx, visitId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Visit" WHERE id = ${visitId} FOR UPDATE`;
}

/** For pages: which visit-day side the actor may act on (null: reads only). Same rule as visitForDayAct. */
export async function daySideOf(actor: Actor, visitId: string): Promise<VisitSide | null> {
  const db = await getDb();
  try {
    return (await db.$transaction((tx) => visitForDayAct(tx, actor, visitId, ["facility", "center"]))).side;
  } catch {
    return null;
  }
}

/** Whether the visit is on its day now (links, terminals and the monitor are offered then). */
export function isVisitDayNow(visit: { state: string; startsAt: Date | null; endsAt: Date | null }): boolean {
  try {
    assertVisitDay(visit);
    return true;
  } catch {
    return false;
  }
}
