import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import type { TReportCallCreate } from "../schemas/report-calls.ts";
import { loadReportCalls, toReportCallDtos } from "./report-call-dto.ts";
import { assertMayCallReport } from "./rules.ts";

/**
 * A superior center calls subordinate centers to report live: a room of kind `inspection` at the
 * calling center (no invite links: it opens only to the caller and the called centers' staff),
 * one row per called center, audited. The centers' staff see it ring on any portal page.
 */
export async function createReportCall(actor: Actor, input: TReportCallCreate) {
  assertMayCallReport(actor);
  const unitIds = [...new Set(input.unitIds)];
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const inScope = await tx.unit.findMany({ where: { id: { in: unitIds }, path: { startsWith: actor.unitPath } }, select: { id: true, name: true, kind: true } });
    // A unit outside the subtree is as unknown as one that does not exist (the scope rule of every
    // route); one inside it that is not a center below the caller is a mistake to correct.
    if (inScope.length !== unitIds.length) throw new NotFoundError("Unit not found");
    const units = inScope.filter((u) => u.id !== actor.unitId && u.kind === "justice");
    if (units.length !== unitIds.length) {
      throw new ValidationError("Only centers below yours can be called", { unitIds: "not_subordinate" });
    }
    const room = await tx.room.create({ data: { kind: "inspection", title: input.title, unitId: actor.unitId, createdById: actor.userId } });
    const call = await tx.reportCall.create({
      data: { title: input.title, unitId: actor.unitId, roomId: room.id, createdById: actor.userId, centers: { create: unitIds.map((unitId) => ({ unitId })) } },
    });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "reportcall.create",
      targetType: "ReportCall",
      targetId: call.id,
      unitPath: actor.unitPath,
      data: { title: input.title, roomId: room.id, centers: units.map((u) => u.name) },
    });
    const [loaded] = await loadReportCalls(tx, { id: call.id }, 1);
    return (await toReportCallDtos(tx, actor, [loaded!]))[0]!;
  });
}
