import { subtreeFilter, type Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { getUnitOrThrow } from "../units/get-unit-or-throw.ts";

export interface AttendancePoint {
  /** Monday 00:00 (Asia/Shanghai) of the week, as YYYY-MM-DD. */
  week: string;
  expected: number;
  attended: number;
  rate: number | null;
}

const CHINA_OFFSET_MS = 8 * 3600_000;

function weekOf(date: Date): string {
  const local = new Date(date.getTime() + CHINA_OFFSET_MS);
  const day = (local.getUTCDay() + 6) % 7;
  local.setUTCDate(local.getUTCDate() - day);
  return local.toISOString().slice(0, 10);
}

/**
 * Weekly attendance rate of ended roll calls in a unit's subtree, overall and for each unit
 * directly below it: present + late over everyone expected (excused persons are not expected).
 */
export async function attendanceStats(actor: Actor, query: { unitId?: string; weeks: number }) {
  const unit = query.unitId ? await getUnitOrThrow(actor, query.unitId) : await getUnitOrThrow(actor, actor.unitId);
  const since = new Date(Date.now() - query.weeks * 7 * 24 * 3600_000);
  const db = await getDb();
  const [entries, children] = await Promise.all([
    db.rollCallEntry.findMany({
      where: { rollCall: { state: "ended", startsAt: { gte: since }, unit: { ...subtreeFilter(actor), path: { startsWith: unit.path } } } },
      select: { status: true, rollCall: { select: { startsAt: true, unit: { select: { path: true } } } } },
    }),
    db.unit.findMany({ where: { parentId: unit.id }, select: { id: true, name: true, path: true }, orderBy: { name: "asc" } }),
  ]);
  const tally = (rows: typeof entries) => {
    const byWeek = new Map<string, { expected: number; attended: number }>();
    for (const row of rows) {
      if (row.status === "excused") continue;
      const key = weekOf(row.rollCall.startsAt);
      const bucket = byWeek.get(key) ?? { expected: 0, attended: 0 };
      bucket.expected++;
      if (row.status === "present" || row.status === "late") bucket.attended++;
      byWeek.set(key, bucket);
    }
    return [...byWeek.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, b]): AttendancePoint => ({ week, ...b, rate: b.expected ? b.attended / b.expected : null }));
  };
  return {
    unit: { id: unit.id, name: unit.name },
    overall: tally(entries),
    byUnit: children.map((child) => ({
      unitId: child.id,
      name: child.name,
      points: tally(entries.filter((e) => e.rollCall.unit.path.startsWith(child.path))),
    })),
  };
}
