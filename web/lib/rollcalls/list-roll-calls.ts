import { subtreeFilter, type Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { TRollCallListQuery } from "../schemas/rollcalls.ts";
import { getUnitOrThrow } from "../units/get-unit-or-throw.ts";
import { countStatuses } from "./count-statuses.ts";
import { toRollCallSummary } from "./to-roll-call-summary.ts";

/** Roll calls of the actor's subtree: upcoming (soonest first), live, or past (latest first). */
export async function listRollCalls(actor: Actor, query: TRollCallListQuery) {
  const unitPath = query.unitId ? (await getUnitOrThrow(actor, query.unitId)).path : actor.unitPath;
  const now = new Date();
  const when: Record<string, Prisma.RollCallWhereInput> = {
    upcoming: { state: "scheduled", endsAt: { gt: now } },
    live: { state: "live" },
    past: { OR: [{ state: { in: ["ended", "cancelled"] } }, { state: "scheduled", endsAt: { lte: now } }] },
  };
  const db = await getDb();
  const rows = await db.rollCall.findMany({
    where: { unit: { ...subtreeFilter(actor), path: { startsWith: unitPath } }, ...(query.when ? when[query.when] : {}) },
    include: { unit: { select: { name: true } } },
    orderBy: { startsAt: query.when === "past" ? "desc" : "asc" },
    take: 200,
  });
  const counts = await countStatuses(db, rows.map((r) => r.id));
  return { items: rows.map((r) => toRollCallSummary(r, counts.get(r.id)!)) };
}
