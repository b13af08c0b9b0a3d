import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { FACILITY_KINDS } from "./visit-access.ts";
import { chinaMonth } from "./visit-limits.ts";

/**
 * Visits that took place or are booked, per facility in the actor's subtree and per month (China
 * time), over the last `months` months: the monthly counts chart.
 */
export async function monthlyVisitCounts(actor: Actor, months: number) {
  const db = await getDb();
  const now = new Date();
  const labels: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 15));
    labels.push(d.toISOString().slice(0, 7));
  }
  const since = new Date(`${labels[0]}-01T00:00:00+08:00`);
  const facilities = await db.unit.findMany({ where: { kind: { in: [...FACILITY_KINDS] }, path: { startsWith: actor.unitPath } }, orderBy: { name: "asc" } });
  const visits = await db.visit.findMany({
    where: { facilityId: { in: facilities.map((f) => f.id) }, state: { in: ["booked", "in_progress", "ended"] }, startsAt: { gte: since } },
    select: { facilityId: true, startsAt: true, kind: true },
  });
  return {
    months: labels,
    byFacility: facilities.map((f) => ({
      facilityId: f.id,
      name: f.name,
      counts: labels.map((m) => visits.filter((v) => v.facilityId === f.id && chinaMonth(v.startsAt!) === m).length),
    })),
  };
}
