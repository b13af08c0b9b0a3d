import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { config } from "../config.ts";
import { getDb } from "../db/client.ts";
import { lockRollCallEntry } from "../db/lock-row.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { assertRunsRollCall } from "./assert-runs-roll-call.ts";
import { findRollCallInScope } from "./get-roll-call.ts";
import { makeUpClosesAt } from "./make-up-window.ts";
import { personalLinkToken } from "./personal-link.ts";

const MAKE_UP_MINUTES = 30;
const MIN_MINUTES = 5;

/**
 * 补点: after the end, within ROLLCALL_MAKEUP_MINUTES, a person marked 缺席 is called again. The
 * make-up is a roll call of its own for that one person, starting now (its own personal link,
 * console, challenge and evidence: everything a roll call proves), tied to the original entry.
 * The officer's mark there is recorded on the original entry as the make-up's result beside the
 * 缺席 (mark-entry.ts), never in its place. Starting twice (a double click, two officers) gives
 * the same make-up: the original entry's lock serialises them and the tie is unique.
 */
export async function startMakeUpCall(actor: Actor, rollCallId: string, entryId: string) {
  const rollCall = await findRollCallInScope(actor, rollCallId);
  assertRunsRollCall(actor, rollCall);
  const closesAt = makeUpClosesAt(rollCall);
  if (!closesAt) throw new ConflictError("A make-up call (补点) follows the end of the roll call", { state: "not_ended" });
  const now = new Date();
  if (closesAt.getTime() - now.getTime() < MIN_MINUTES * 60_000) {
    throw new ConflictError(`Make-up calls for this roll call closed at ${closesAt.toISOString()}`, { makeUp: "window_closed" });
  }
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await lockRollCallEntry(tx, entryId);
    const entry = await tx.rollCallEntry.findFirst({ where: { id: entryId, rollCallId } });
    if (!entry) throw new NotFoundError("Roster entry not found");
    if (entry.status !== "absent") throw new ConflictError("Only a person marked 缺席 is called again (补点)", { status: "not_absent" });
    const existing = await tx.rollCall.findUnique({ where: { makeUpOfEntryId: entryId }, include: { entries: true } });
    const made =
      existing ??
      (await (async () => {
        const endsAt = new Date(Math.min(now.getTime() + MAKE_UP_MINUTES * 60_000, closesAt.getTime()));
        const durationMinutes = Math.floor((endsAt.getTime() - now.getTime()) / 60_000);
        const created = await tx.rollCall.create({
          data: {
            unitId: rollCall.unitId,
            title: `补点：${rollCall.title}`.slice(0, 60),
            startsAt: now,
            // Joining a make-up is never 迟到 by the clock: the officer's mark says how it went.
            graceMinutes: Math.max(0, durationMinutes - 1),
            endsAt,
            livenessEnabled: rollCall.livenessEnabled,
            createdById: actor.userId,
            makeUpOfEntryId: entryId,
          },
        });
        const makeUpEntry = await tx.rollCallEntry.create({ data: { rollCallId: created.id, personId: entry.personId, linkExpiresAt: endsAt } });
        await appendAuditEvent(tx, auditActor(actor), {
          action: "rollcall.make_up_start",
          targetType: "RollCallEntry",
          targetId: entryId,
          unitPath: rollCall.unit.path,
          data: { rollCallId, personId: entry.personId, makeUpRollCallId: created.id, closesAt: closesAt.toISOString() },
        });
        return { ...created, entries: [makeUpEntry] };
      })());
    const makeUpEntry = made.entries[0]!;
    return {
      rollCallId: made.id,
      entryId: makeUpEntry.id,
      endsAt: made.endsAt.toISOString(),
      link: `/r/${personalLinkToken(config().appSecret, makeUpEntry.id, makeUpEntry.linkVersion)}`,
    };
  });
}
