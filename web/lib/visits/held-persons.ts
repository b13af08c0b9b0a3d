import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import { NotFoundError } from "../errors.ts";

/**
 * Held persons an actor may read: those of a facility in its subtree, and those to be released
 * into its subtree (a center prepares 帮教 for them; it sees the name, facility and release date).
 */
export function heldPersonScopeWhere(actor: Actor): Prisma.HeldPersonWhereInput {
  return { OR: [{ facility: { path: { startsWith: actor.unitPath } } }, { releaseUnit: { path: { startsWith: actor.unitPath } } }] };
}

export async function listHeldPersons(actor: Actor, query: { releasingOnly?: boolean } = {}) {
  const db = await getDb();
  const where: Prisma.HeldPersonWhereInput = query.releasingOnly
    ? { status: "held", releaseUnit: { path: { startsWith: actor.unitPath } } }
    : heldPersonScopeWhere(actor);
  const persons = await db.heldPerson.findMany({
    where,
    include: { facility: { select: { name: true } }, releaseUnit: { select: { name: true } } },
    orderBy: [{ facility: { name: "asc" } }, { name: "asc" }],
    take: 500,
  });
  return {
    items: persons.map((p) => ({
      id: p.id,
      name: p.name,
      facilityId: p.facilityId,
      facilityName: p.facility.name,
      status: p.status,
      expectedRelease: p.expectedRelease?.toISOString().slice(0, 10) ?? null,
      releaseUnitName: p.releaseUnit?.name ?? null,
      visitsPerMonth: p.visitsPerMonth,
      visitorsPerVisit: p.visitorsPerVisit,
      homeVisitsAllowed: p.homeVisitsAllowed,
    })),
  };
}

/** The held person's visitor list (approved and banned visitors): facility side only. */
export async function listVisitors(actor: Actor, heldPersonId: string) {
  const db = await getDb();
  const held = await db.heldPerson.findFirst({ where: { id: heldPersonId, facility: { path: { startsWith: actor.unitPath } } } });
  if (!held) throw new NotFoundError("No such held person");
  const visitors = await db.visitor.findMany({ where: { heldPersonId }, orderBy: { createdAt: "asc" } });
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: visitors.flatMap((v) => [v.verifiedById, v.bannedById]).filter((x): x is string => Boolean(x)) } } })).map((u) => [
      u.id,
      u.displayName,
    ]),
  );
  return {
    items: visitors.map((v) => ({
      id: v.id,
      name: v.name,
      relationship: v.relationship,
      idNumberMasked: v.idNumberMasked,
      verifiedBy: v.verifiedById ? (users.get(v.verifiedById) ?? null) : null,
      verifiedAt: v.verifiedAt?.toISOString() ?? null,
      bannedUntil: v.bannedUntil?.toISOString() ?? null,
      banReason: v.banReason,
      bannedBy: v.bannedById ? (users.get(v.bannedById) ?? null) : null,
    })),
  };
}

export async function getHeldPerson(actor: Actor, id: string) {
  const db = await getDb();
  const held = await db.heldPerson.findFirst({ where: { id, ...heldPersonScopeWhere(actor) }, include: { facility: { select: { name: true, path: true } } } });
  if (!held) throw new NotFoundError("No such held person");
  return {
    id: held.id,
    name: held.name,
    facilityName: held.facility.name,
    facilitySide: held.facility.path.startsWith(actor.unitPath),
    // The page offers the rules form only where the domain would accept it (updateHeldPersonRules decides).
    canDecide: actor.unitId === held.facilityId && actor.role !== "inspector",
    status: held.status,
    rules: { visitsPerMonth: held.visitsPerMonth, visitorsPerVisit: held.visitorsPerVisit, homeVisitsAllowed: held.homeVisitsAllowed },
  };
}

/**
 * What the 帮教 form offers a center: persons to be released into its area, its own visit rooms,
 * and the terminals of those persons' facilities (names only: a center may book them for 帮教).
 */
export async function helpSessionOptions(actor: Actor) {
  const db = await getDb();
  const { items: persons } = await listHeldPersons(actor, { releasingOnly: true });
  const rooms = await db.visitRoom.findMany({ where: { kind: "room", active: true, unit: { path: { startsWith: actor.unitPath } } }, include: { unit: { select: { name: true } } }, orderBy: { name: "asc" } });
  const terminals = await db.visitRoom.findMany({ where: { kind: "terminal", active: true, unitId: { in: [...new Set(persons.map((p) => p.facilityId))] } }, orderBy: { name: "asc" } });
  return {
    persons: persons.map((p) => ({ id: p.id, name: p.name, facilityId: p.facilityId, facilityName: p.facilityName, expectedRelease: p.expectedRelease })),
    rooms: rooms.map((r) => ({ id: r.id, name: `${r.unit.name} ${r.name}` })),
    terminals: terminals.map((x) => ({ id: x.id, name: x.name, facilityId: x.unitId })),
  };
}
