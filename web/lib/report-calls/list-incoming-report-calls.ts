import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";

/**
 * What rings for the actor's center: live report calls that called it and that nobody of the
 * center has answered yet. Read-only roles see the ring too (they cannot answer).
 */
export async function listIncomingReportCalls(actor: Actor) {
  const db = await getDb();
  const centers = await db.reportCallCenter.findMany({
    where: { unitId: actor.unitId, answeredAt: null, status: "waiting", reportCall: { state: "live" } },
    include: { reportCall: { include: { unit: { select: { name: true } } } } },
    orderBy: { reportCall: { createdAt: "desc" } },
    take: 10,
  });
  return {
    items: centers.map((c) => ({ id: c.reportCallId, title: c.reportCall.title, callerUnitName: c.reportCall.unit.name, createdAt: c.reportCall.createdAt.toISOString() })),
  };
}
