import type { Actor } from "../auth/actor.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/transaction.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";

export const FACILITY_KINDS = ["prison", "detox"] as const;

/**
 * Visits an actor may read: those of a facility in its subtree (the facility, the province above
 * it) and those booked into a family-side room of a unit in its subtree (the hosting center). A
 * county center sees neither another county's bookings nor any facility's applications.
 */
export function visitScopeWhere(actor: Actor): Prisma.VisitWhereInput {
  return {
    OR: [
      { facility: { path: { startsWith: actor.unitPath } } },
      { familyUnit: { path: { startsWith: actor.unitPath } }, startsAt: { not: null } },
    ],
  };
}

/**
 * Deciding a visit (book, reject, ban) is the facility's own staff's act: the facility must be in
 * the actor's subtree (404 otherwise, as for anything out of reach) and be the actor's own unit
 * (403 for the province above it, which reads but does not decide), and the actor must not be read-only.
 */
export async function assertFacilityDecider(tx: Tx, actor: Actor, facilityId: string) {
  const facility = await tx.unit.findFirst({ where: { id: facilityId, path: { startsWith: actor.unitPath } } });
  if (!facility) throw new NotFoundError("No such visit");
  if (actor.unitId !== facility.id || !(FACILITY_KINDS as readonly string[]).includes(facility.kind)) {
    throw new ForbiddenError("Only the facility's own officers decide its visits");
  }
  if (actor.role === "inspector") throw new ForbiddenError("Role inspector may not decide visits");
  return facility;
}
