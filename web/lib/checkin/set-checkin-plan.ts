import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import type { TCheckInWindow } from "../schemas/checkin.ts";
import { findPersonForFaces } from "../faces/find-person-for-faces.ts";
import { getCheckInPlan } from "./get-checkin-plan.ts";

/** An officer sets a person's weekly check-in windows (creating the plan and its standing link). */
export async function setCheckInPlan(actor: Actor, personId: string, input: { windows: TCheckInWindow[] }) {
  const person = await findPersonForFaces(actor, personId);
  assertRole(actor, ["admin", "officer"], "set check-in plans");
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const windows = JSON.parse(JSON.stringify(input.windows));
    await tx.checkInPlan.upsert({ where: { personId: person.id }, create: { personId: person.id, windows, updatedById: actor.userId }, update: { windows, updatedById: actor.userId } });
    await appendAuditEvent(tx, auditActor(actor), { action: "checkin.plan_set", targetType: "SupervisedPerson", targetId: person.id, unitPath: person.unit.path, data: { windows } });
  });
  return getCheckInPlan(actor, personId);
}
