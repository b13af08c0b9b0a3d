import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";

/** Centers the actor's center may call: justice units strictly below it (cities, counties, offices). */
export async function listReportCandidates(actor: Actor) {
  const db = await getDb();
  const units = await db.unit.findMany({
    where: { path: { startsWith: actor.unitPath }, id: { not: actor.unitId }, kind: "justice" },
    select: { id: true, name: true, level: true, parentId: true, path: true },
    orderBy: [{ level: "asc" }, { path: "asc" }],
  });
  return { items: units.map(({ path: _path, ...u }) => u) };
}
