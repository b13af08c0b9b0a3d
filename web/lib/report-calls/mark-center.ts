import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { findReportCall } from "./get-report-call.ts";
import { lockReportCall, lockReportCenter } from "./lock-report-call.ts";
import { assertLive, assertRuns } from "./rules.ts";

/**
 * The caller marks a center reported or absent. Marks of one center queue on its row lock; a
 * mark equal to the stored one changes nothing (no new version, no audit event), so a click
 * repeated or retried any number of times is one mark.
 */
export async function markCenter(actor: Actor, reportCallId: string, centerId: string, status: "reported" | "absent") {
  const db = await getDb();
  await findReportCall(db, actor, reportCallId);
  return db.$transaction(async (tx) => {
    const call = await lockReportCall(tx, reportCallId, "share");
    assertRuns(actor, call);
    assertLive(call);
    const center = await lockReportCenter(tx, reportCallId, centerId);
    if (!center) throw new NotFoundError("Center not found in this report call");
    if (center.status === status) return { id: center.id, status: center.status, markedAt: center.markedAt?.toISOString() ?? null, version: center.version };
    const markedAt = new Date();
    const updated = await tx.reportCallCenter.update({
      where: { id: center.id },
      data: { status, markedAt, markedById: actor.userId, version: { increment: 1 } },
    });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "reportcall.mark",
      targetType: "ReportCallCenter",
      targetId: center.id,
      unitPath: call.unit.path,
      data: { reportCallId, unit: center.unit.name, before: center.status, after: status, answeredAt: center.answeredAt?.toISOString() ?? null },
    });
    return { id: updated.id, status: updated.status, markedAt: markedAt.toISOString(), version: updated.version };
  });
}
