import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { closeRoomOnMediaNode } from "../rooms/media-node-client.ts";
import { findReportCall, getReportCall } from "./get-report-call.ts";
import { lockReportCall } from "./lock-report-call.ts";
import { assertRuns } from "./rules.ts";

/**
 * Ends the report call: centers that never answered are absent (unmarked by anyone: the record
 * shows no marker), centers that joined but were not marked stay unmarked for the record, the
 * room closes on the node. Ending twice is one end.
 */
export async function endReportCall(actor: Actor, reportCallId: string) {
  const db = await getDb();
  await findReportCall(db, actor, reportCallId);
  const ended = await db.$transaction(async (tx) => {
    const call = await lockReportCall(tx, reportCallId, "update");
    assertRuns(actor, call);
    if (call.state === "ended") return null;
    const at = new Date();
    await tx.reportCall.update({ where: { id: call.id }, data: { state: "ended", endedAt: at } });
    const { count: absent } = await tx.reportCallCenter.updateMany({
      where: { reportCallId, status: "waiting", answeredAt: null },
      data: { status: "absent", version: { increment: 1 } },
    });
    await tx.room.updateMany({ where: { id: call.roomId, state: "open" }, data: { state: "closed", closedAt: at } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "reportcall.end",
      targetType: "ReportCall",
      targetId: call.id,
      unitPath: call.unit.path,
      data: { neverAnswered: absent },
    });
    return call.roomId;
  });
  if (ended) await closeRoomOnMediaNode(ended, "closed_by_portal");
  return getReportCall(actor, reportCallId);
}
