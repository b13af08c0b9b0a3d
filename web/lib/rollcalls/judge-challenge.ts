import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { lockRollCallEntry } from "../db/lock-row.ts";
import { ConflictError } from "../errors.ts";
import { endCallAfterMark } from "./end-call-spotlight.ts";
import { assertStillLive } from "./assert-still-live.ts";
import { findLiveEntry } from "./find-live-entry.ts";

/** The officer saw the live answer and confirms or rejects it; the answer time is recorded. */
export async function judgeChallenge(actor: Actor, rollCallId: string, entryId: string, result: "passed" | "failed") {
  const { rollCall, entry } = await findLiveEntry(actor, rollCallId, entryId);
  const answeredAt = new Date();
  const db = await getDb();
  const challenge = await db.$transaction(async (tx) => {
    await assertStillLive(tx, rollCallId);
    // A call racing the verdict replaces the challenge: judge the one stored now, not the one read.
    await lockRollCallEntry(tx, entry.id);
    const current = await tx.rollCallEntry.findUniqueOrThrow({ where: { id: entry.id } });
    const issuedAt = current.challengeIssuedAt;
    if (!issuedAt) throw new ConflictError("No challenge was issued to this person; call them first", { challenge: "none" });
    await tx.rollCallEntry.update({ where: { id: entry.id }, data: { challengeResult: result, answeredAt } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "rollcall.challenge_judged",
      targetType: "RollCallEntry",
      targetId: entry.id,
      unitPath: rollCall.unit.path,
      data: { rollCallId, result, challenge: { kind: current.challengeKind, value: current.challengeValue }, secondsToAnswer: (answeredAt.getTime() - issuedAt.getTime()) / 1000 },
    });
    return current;
  });
  // Judged after the mark: that closes the call too (the mark alone left the challenge up).
  if (challenge.markedById) await endCallAfterMark(rollCall, entry.id);
  return { entryId: entry.id, result, answeredAt: answeredAt.toISOString() };
}
