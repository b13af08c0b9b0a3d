import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { spotlightOnMediaNode } from "../rooms/media-node-client.ts";
import { findReportCall } from "./get-report-call.ts";
import { lockReportCall, lockReportCenter } from "./lock-report-call.ts";
import { assertLive, assertRuns } from "./rules.ts";

/**
 * The caller calls one center to report now: recorded and audited, and, when the center's staff
 * are in the room, spotlighted for everyone by the node (best effort: the record does not wait
 * for the node).
 */
export async function callCenter(actor: Actor, reportCallId: string, centerId: string) {
  const db = await getDb();
  await findReportCall(db, actor, reportCallId);
  const called = await db.$transaction(async (tx) => {
    const call = await lockReportCall(tx, reportCallId, "share");
    assertRuns(actor, call);
    assertLive(call);
    const center = await lockReportCenter(tx, reportCallId, centerId);
    if (!center) throw new NotFoundError("Center not found in this report call");
    const calledAt = new Date();
    await tx.reportCallCenter.update({ where: { id: center.id }, data: { calledAt, version: { increment: 1 } } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "reportcall.call",
      targetType: "ReportCallCenter",
      targetId: center.id,
      unitPath: call.unit.path,
      data: { reportCallId, unit: center.unit.name },
    });
    return { roomId: call.roomId, answeredById: center.answeredById, unitName: center.unit.name, calledAt };
  });
  const spotlit = called.answeredById
    ? await spotlightOnMediaNode(called.roomId, { peerId: `user:${called.answeredById}`, name: called.unitName.slice(0, 60) })
    : false;
  return { id: centerId, calledAt: called.calledAt.toISOString(), spotlit };
}
