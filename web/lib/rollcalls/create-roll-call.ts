import { randomUUID } from "node:crypto";
import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { ValidationError } from "../errors.ts";
import type { TRollCallCreate } from "../schemas/rollcalls.ts";
import { getUnitOrThrow } from "../units/get-unit-or-throw.ts";
import { countStatuses } from "./count-statuses.ts";
import { occurrences } from "./occurrences.ts";
import { toRollCallSummary } from "./to-roll-call-summary.ts";

/**
 * Schedules a roll call, or one per occurrence of an RRULE, for a roster of active persons of the
 * unit's subtree. Every roster line gets its own personal link, valid until the window ends.
 */
export async function createRollCall(actor: Actor, input: TRollCallCreate) {
  const unit = await getUnitOrThrow(actor, input.unitId);
  assertRole(actor, ["admin", "officer"], "schedule roll calls");
  const start = new Date(input.startsAt);
  if (start.getTime() < Date.now() - 60_000) throw new ValidationError("The start is in the past", { startsAt: "in_past" });
  const starts = occurrences(start, input.rrule);
  if ("error" in starts) throw new ValidationError("The repeat rule cannot be used", { rrule: starts.error });

  const db = await getDb();
  const personIds = [...new Set(input.personIds)];
  const persons = await db.supervisedPerson.findMany({
    where: { id: { in: personIds }, status: "active", unit: { path: { startsWith: unit.path } } },
    select: { id: true },
  });
  if (persons.length !== personIds.length) {
    throw new ValidationError("Some persons are not active persons of this unit", { personIds: "not_found" });
  }

  const seriesId = starts.length > 1 ? randomUUID() : null;
  const windowMs = input.durationMinutes * 60_000;
  return db.$transaction(
    async (tx) => {
      const ids: string[] = [];
      for (const occurrence of starts) {
        const endsAt = new Date(occurrence.getTime() + windowMs);
        const rollCall = await tx.rollCall.create({
          data: {
            unitId: unit.id,
            title: input.title,
            startsAt: occurrence,
            graceMinutes: input.graceMinutes,
            endsAt,
            livenessEnabled: input.livenessEnabled,
            seriesId,
            rrule: input.rrule ?? null,
            createdById: actor.userId,
          },
        });
        await tx.rollCallEntry.createMany({
          data: personIds.map((personId) => ({ rollCallId: rollCall.id, personId, linkExpiresAt: endsAt })),
        });
        ids.push(rollCall.id);
      }
      await appendAuditEvent(tx, auditActor(actor), {
        action: "rollcall.create",
        targetType: "RollCall",
        targetId: seriesId ?? ids[0]!,
        unitPath: unit.path,
        data: { title: input.title, occurrences: ids.length, rollCallIds: ids, roster: personIds, rrule: input.rrule ?? null },
      });
      const created = await tx.rollCall.findMany({ where: { id: { in: ids } }, include: { unit: { select: { name: true } } }, orderBy: { startsAt: "asc" } });
      const counts = await countStatuses(tx, ids);
      return { items: created.map((r) => toRollCallSummary(r, counts.get(r.id)!)) };
    },
    { timeout: 30_000 },
  );
}
