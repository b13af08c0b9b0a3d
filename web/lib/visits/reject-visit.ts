import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { ConflictError } from "../errors.ts";
import { assertFacilityDecider } from "./visit-access.ts";

/** Rejects an application with a reason the family reads on its status page. */
export async function rejectVisit(actor: Actor, visitId: string, input: { reason: string; version: number }) {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const found = await tx.visit.findFirst({ where: { id: visitId }, select: { facilityId: true } });
    const facility = await assertFacilityDecider(tx, actor, found?.facilityId ?? "00000000-0000-0000-0000-000000000000");
    await tx.$queryRaw`SELECT 1 FROM "Visit" WHERE id = ${visitId} FOR UPDATE`;
    const visit = await tx.visit.findUniqueOrThrow({ where: { id: visitId } });
    if (visit.state !== "submitted") throw new ConflictError(`The visit is ${visit.state}, not waiting for a decision`, { state: visit.state });
    if (visit.version !== input.version) throw new ConflictError("The visit changed since you opened it: reload", { version: "stale" });
    const rejected = await tx.visit.update({
      where: { id: visit.id },
      data: { state: "rejected", rejectReason: input.reason, decidedById: actor.userId, decidedAt: new Date(), version: { increment: 1 } },
    });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "visit.reject",
      targetType: "Visit",
      targetId: visit.id,
      unitPath: facility.path,
      data: { code: visit.code, reason: input.reason },
    });
    return { id: rejected.id, state: rejected.state, version: rejected.version };
  });
}
