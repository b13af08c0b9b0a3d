import type { Actor } from "../auth/actor.ts";
import type { Tx } from "../db/transaction.ts";
import type { TReportCall } from "../schemas/report-calls.ts";
import { runsCall } from "./rules.ts";

export const REPORT_CALL_INCLUDE = {
  unit: { select: { name: true, path: true } },
  centers: { include: { unit: { select: { name: true, level: true, path: true } } }, orderBy: { unit: { path: "asc" } } },
} as const;

type Loaded = Awaited<ReturnType<typeof loadReportCalls>>[number];

export function loadReportCalls(tx: Tx, where: object, take = 50) {
  return tx.reportCall.findMany({ where, include: REPORT_CALL_INCLUDE, orderBy: { createdAt: "desc" }, take });
}

/** The calls with the names of who created and who answered (user ids resolved in one query). */
export async function toReportCallDtos(tx: Tx, actor: Actor, calls: Loaded[]): Promise<TReportCall[]> {
  const ids = new Set<string>();
  for (const c of calls) {
    ids.add(c.createdById);
    for (const center of c.centers) if (center.answeredById) ids.add(center.answeredById);
  }
  const users = await tx.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, displayName: true } });
  const name = new Map(users.map((u) => [u.id, u.displayName]));
  return calls.map((c) => ({
    id: c.id,
    title: c.title,
    unitId: c.unitId,
    unitName: c.unit.name,
    roomId: c.roomId,
    state: c.state,
    createdBy: name.get(c.createdById) ?? "",
    createdAt: c.createdAt.toISOString(),
    endedAt: c.endedAt?.toISOString() ?? null,
    runs: runsCall(actor, c),
    centers: c.centers.map((center) => ({
      id: center.id,
      unitId: center.unitId,
      unitName: center.unit.name,
      unitLevel: center.unit.level,
      status: center.status,
      answeredAt: center.answeredAt?.toISOString() ?? null,
      answeredBy: center.answeredById ? (name.get(center.answeredById) ?? null) : null,
      calledAt: center.calledAt?.toISOString() ?? null,
      markedAt: center.markedAt?.toISOString() ?? null,
      version: center.version,
    })),
  }));
}
