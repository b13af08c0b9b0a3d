import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { grantFor } from "../rooms/issue-join-grant.ts";
import { findReportCall } from "./get-report-call.ts";
import { lockReportCall } from "./lock-report-call.ts";
import { assertLive, assertMayAnswer, assertRuns } from "./rules.ts";

/** The calling center's officer hosts the report call (moderates the room). */
export async function hostReportCall(actor: Actor, reportCallId: string) {
  const db = await getDb();
  await findReportCall(db, actor, reportCallId);
  return db.$transaction(async (tx) => {
    const call = await lockReportCall(tx, reportCallId, "share");
    assertRuns(actor, call);
    assertLive(call);
    const room = await tx.room.findUniqueOrThrow({ where: { id: call.roomId }, include: { unit: { select: { path: true } } } });
    return grantFor(room, { identity: `user:${actor.userId}`, name: `${call.unit.name} · ${actor.displayName}`.slice(0, 60), role: "staff", moderator: true, observer: false, lobby: false, bearerUnitPath: actor.unitPath });
  });
}

/**
 * A called center's staff member accepts the ring and joins to report. The first answer is the
 * center's answer time (recorded once, audited); joining again later (a reload) changes nothing.
 */
export async function answerReportCall(actor: Actor, reportCallId: string) {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const call = await lockReportCall(tx, reportCallId, "share");
    const center = await tx.reportCallCenter.findFirst({ where: { reportCallId, unitId: actor.unitId }, include: { unit: { select: { name: true } } } });
    assertMayAnswer(actor, center);
    assertLive(call);
    const answeredAt = new Date();
    const { count } = await tx.reportCallCenter.updateMany({
      where: { id: center.id, answeredAt: null },
      data: { answeredAt, answeredById: actor.userId, version: { increment: 1 } },
    });
    if (count > 0) {
      await appendAuditEvent(tx, auditActor(actor), {
        action: "reportcall.answer",
        targetType: "ReportCallCenter",
        targetId: center.id,
        unitPath: call.unit.path,
        data: { reportCallId, unit: center.unit.name },
      });
    }
    const room = await tx.room.findUniqueOrThrow({ where: { id: call.roomId }, include: { unit: { select: { path: true } } } });
    return grantFor(room, { identity: `user:${actor.userId}`, name: `${center.unit.name} · ${actor.displayName}`.slice(0, 60), role: "staff", moderator: false, observer: false, lobby: false, bearerUnitPath: actor.unitPath });
  });
}
