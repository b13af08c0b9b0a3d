import { assertRole, subtreeFilter, type Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";

/** More than any county supervises; the form says so if a subtree ever holds more. */
export const MAX_ROSTER_CANDIDATES = 3000;

/**
 * Everyone a roster can be picked from, for the schedule form: the persons of the actor's
 * subtree with just what the filters need (no ID numbers, no phones). Only active persons can be
 * put on a roster; the others come along so that the status filter shows them as unavailable.
 */
export async function listRosterCandidates(actor: Actor) {
  assertRole(actor, ["admin", "officer"], "schedule roll calls");
  const db = await getDb();
  const rows = await db.supervisedPerson.findMany({
    where: { unit: subtreeFilter(actor) },
    select: { id: true, name: true, unitId: true, status: true, supervisionType: true, unit: { select: { name: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: MAX_ROSTER_CANDIDATES + 1,
  });
  return {
    items: rows.slice(0, MAX_ROSTER_CANDIDATES).map(({ unit, ...person }) => ({ ...person, unitName: unit.name })),
    truncated: rows.length > MAX_ROSTER_CANDIDATES,
  };
}

export type RosterCandidate = Awaited<ReturnType<typeof listRosterCandidates>>["items"][number];
