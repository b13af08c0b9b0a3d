import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { lockRollCallEntry, shareRollCall } from "../db/lock-row.ts";
import type { AttendanceStatus } from "../db/generated/enums.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { endCallAfterMark } from "./end-call-spotlight.ts";
import { tellPersonMarked } from "./tell-person-marked.ts";
import { recordMakeUp } from "./record-make-up.ts";
import { findRollCallInScope } from "./get-roll-call.ts";
import { assertRunsRollCall } from "./assert-runs-roll-call.ts";

export interface MarkInput {
  /** 待核验 is what the end leaves; an officer resolves it with one of the real marks. */
  status: Exclude<AttendanceStatus, "pending" | "unverified">;
  /** Required to change a mark after the roll call ended (an audited override). */
  overrideReason?: string;
  /** The console tab and its running number of the mark; retries of one mark carry the same. */
  origin?: { console: string; seq: number };
  /** The officer's remark on this mark; a new mark replaces the remark with its own. */
  remark?: string;
  /** Why the person is excused (only with 请假). */
  excuseReason?: string;
}

/** One officer click: persisted and audited before the answer, so a console crash loses nothing. */
export async function markEntry(actor: Actor, rollCallId: string, entryId: string, input: MarkInput) {
  const rollCall = await findRollCallInScope(actor, rollCallId);
  assertRunsRollCall(actor, rollCall);
  const db = await getDb();
  const marked = await db.$transaction(async (tx) => {
    // The state is read under a shared lock that the end takes exclusively: a mark racing the
    // end lands wholly before it (an ordinary mark) or after it (an override, with its reason).
    const current = await shareRollCall(tx, rollCallId);
    if (current.state === "cancelled") throw new ConflictError("This roll call was cancelled");
    const override = current.state === "ended";
    if (override && !input.overrideReason?.trim()) {
      throw new ValidationError("The roll call has ended: changing a mark needs a reason, which is recorded", { overrideReason: "required" });
    }
    // Marks of one entry queue here, so each audit event's "before" is what the previous stored.
    await lockRollCallEntry(tx, entryId);
    const entry = await tx.rollCallEntry.findFirst({ where: { id: entryId, rollCallId } });
    if (!entry) throw new NotFoundError("Roster entry not found");
    if (isOvertaken(entry, input.origin)) {
      return { id: entry.id, personId: entry.personId, status: entry.status, markedAt: entry.markedAt!.toISOString(), version: entry.version, applied: false, makeUp: false };
    }
    const markedAt = new Date();
    const remark = input.remark?.trim() || null;
    const excuseReason = input.status === "excused" ? input.excuseReason?.trim() || null : null;
    const updated = await tx.rollCallEntry.update({
      where: { id: entryId },
      data: {
        status: input.status,
        markedAt,
        markedById: actor.userId,
        markConsole: input.origin?.console ?? null,
        markSeq: input.origin?.seq ?? null,
        markRemark: remark,
        excuseReason,
        version: { increment: 1 },
      },
    });
    await appendAuditEvent(tx, auditActor(actor), {
      action: override ? "rollcall.mark_override" : "rollcall.mark",
      targetType: "RollCallEntry",
      targetId: entryId,
      unitPath: rollCall.unit.path,
      data: {
        rollCallId,
        personId: entry.personId,
        before: entry.status,
        after: input.status,
        ...(override ? { reason: input.overrideReason } : {}),
        ...(remark ? { remark } : {}),
        ...(excuseReason ? { excuseReason } : {}),
      },
    });
    // A make-up call (补点): the result goes to the original entry too, beside its 缺席.
    if (current.makeUpOfEntryId) await recordMakeUp(tx, actor, current.makeUpOfEntryId, { rollCallId, status: input.status, at: markedAt });
    return { id: updated.id, personId: entry.personId, status: updated.status, markedAt: markedAt.toISOString(), version: updated.version, applied: true, makeUp: current.makeUpOfEntryId !== null };
  });
  const { personId, makeUp, ...answer } = marked;
  if (!marked.applied) return { ...answer, notified: false };
  // The spotlight first (the call is over), then the person's own screen learns the decision.
  await endCallAfterMark(rollCall, entryId);
  return { ...answer, notified: await tellPersonMarked(rollCall, personId, input.status, makeUp) };
}

/**
 * A console retries a mark whose answer it never got, and the first request may still reach us
 * after the next mark made in the same tab. Numbers are compared only within one tab: another
 * tab, device or officer is a separate decision, applied in the order it arrives. Clocks are not
 * used: an office PC's clock can jump back.
 */
function isOvertaken(stored: { markedAt: Date | null; markConsole: string | null; markSeq: number | null }, origin: MarkInput["origin"]): boolean {
  return origin !== undefined && stored.markedAt !== null && stored.markConsole === origin.console && stored.markSeq !== null && origin.seq <= stored.markSeq;
}
