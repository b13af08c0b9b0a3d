import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import type { TRollCallUpdate } from "../schemas/rollcalls.ts";
import { findRollCallInScope, getRollCallDetail } from "./get-roll-call.ts";
import { assertRunsRollCall } from "./assert-runs-roll-call.ts";

/** Changes a roll call that has not started yet; the personal links follow the new window. */
export async function updateRollCall(actor: Actor, rollCallId: string, input: TRollCallUpdate) {
  const rollCall = await findRollCallInScope(actor, rollCallId);
  assertRunsRollCall(actor, rollCall);
  if (rollCall.state !== "scheduled" || rollCall.startsAt <= new Date()) {
    throw new ConflictError("A roll call can only be changed before it starts", { startsAt: "already_started" });
  }
  const startsAt = input.startsAt ? new Date(input.startsAt) : rollCall.startsAt;
  const graceMinutes = input.graceMinutes ?? rollCall.graceMinutes;
  const durationMinutes = input.durationMinutes ?? (rollCall.endsAt.getTime() - rollCall.startsAt.getTime()) / 60_000;
  if (startsAt.getTime() < Date.now()) throw new ValidationError("The start is in the past", { startsAt: "in_past" });
  if (graceMinutes >= durationMinutes) throw new ValidationError("The grace period must end before the window", { graceMinutes: "grace_exceeds_window" });
  const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.rollCall.updateMany({
      where: { id: rollCallId, version: input.version, state: "scheduled" },
      data: { title: input.title, startsAt, graceMinutes, endsAt, livenessEnabled: input.livenessEnabled, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError("Someone else changed this roll call; reload to see their changes", { version: "stale" });
    await tx.rollCallEntry.updateMany({ where: { rollCallId }, data: { linkExpiresAt: endsAt } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "rollcall.update",
      targetType: "RollCall",
      targetId: rollCallId,
      unitPath: rollCall.unit.path,
      data: {
        before: { title: rollCall.title, startsAt: rollCall.startsAt, graceMinutes: rollCall.graceMinutes, endsAt: rollCall.endsAt, livenessEnabled: rollCall.livenessEnabled },
        after: { title: input.title ?? rollCall.title, startsAt, graceMinutes, endsAt, livenessEnabled: input.livenessEnabled ?? rollCall.livenessEnabled },
      },
    });
  });
  return getRollCallDetail(actor, rollCallId);
}
