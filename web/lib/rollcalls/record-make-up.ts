import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { lockRollCallEntry } from "../db/lock-row.ts";
import type { Tx } from "../db/transaction.ts";
import type { AttendanceStatus } from "../db/generated/enums.ts";

/**
 * The officer's mark in a make-up call (补点), written onto the original entry, in the mark's own
 * transaction: its 缺席 stays (the person was absent from the roll call), and the record shows the
 * make-up's result and time beside it. Audited as a make-up mark of its own kind.
 */
export async function recordMakeUp(tx: Tx, actor: Actor, originalEntryId: string, mark: { rollCallId: string; status: AttendanceStatus; at: Date }): Promise<void> {
  await lockRollCallEntry(tx, originalEntryId);
  const original = await tx.rollCallEntry.findUniqueOrThrow({ where: { id: originalEntryId }, include: { rollCall: { include: { unit: { select: { path: true } } } } } });
  await tx.rollCallEntry.update({ where: { id: originalEntryId }, data: { makeUpStatus: mark.status, makeUpAt: mark.at, makeUpById: actor.userId, version: { increment: 1 } } });
  await appendAuditEvent(tx, auditActor(actor), {
    action: "rollcall.make_up_mark",
    targetType: "RollCallEntry",
    targetId: originalEntryId,
    unitPath: original.rollCall.unit.path,
    data: { rollCallId: original.rollCallId, personId: original.personId, makeUpRollCallId: mark.rollCallId, before: original.makeUpStatus, after: mark.status, status: original.status },
  });
}
