import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { NotFoundError } from "../errors.ts";
import type { TVisitListQuery } from "../schemas/visits.ts";
import { toVisitSummary, visitSummaryInclude } from "./to-visit-summary.ts";
import { visitScopeWhere } from "./visit-access.ts";

const LIST_LIMIT = 500;

/**
 * Visits in the actor's reach, filtered: `unitId` narrows to a facility or a family-side unit's
 * subtree (a unit out of reach is 404). Booked visits by start, applications oldest first.
 */
export async function listVisits(actor: Actor, query: TVisitListQuery) {
  const db = await getDb();
  const and: Prisma.VisitWhereInput[] = [visitScopeWhere(actor)];
  if (query.unitId) {
    const unit = await db.unit.findFirst({ where: { id: query.unitId, path: { startsWith: actor.unitPath } } });
    if (!unit) throw new NotFoundError("No such unit");
    and.push({ OR: [{ facility: { path: { startsWith: unit.path } } }, { familyUnit: { path: { startsWith: unit.path } } }] });
  }
  if (query.state) and.push({ state: query.state });
  if (query.kind) and.push({ kind: query.kind });
  if (query.heldPersonId) and.push({ heldPersonId: query.heldPersonId });
  if (query.from) and.push({ OR: [{ startsAt: { gte: new Date(`${query.from}T00:00:00+08:00`) } }, { startsAt: null, createdAt: { gte: new Date(`${query.from}T00:00:00+08:00`) } }] });
  if (query.to) and.push({ OR: [{ startsAt: { lte: new Date(`${query.to}T23:59:59.999+08:00`) } }, { startsAt: null, createdAt: { lte: new Date(`${query.to}T23:59:59.999+08:00`) } }] });
  const visits = await db.visit.findMany({
    where: { AND: and },
    include: visitSummaryInclude,
    orderBy: query.state === "submitted" ? [{ createdAt: "asc" }] : [{ startsAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    take: LIST_LIMIT,
  });
  return { items: visits.map(toVisitSummary) };
}
