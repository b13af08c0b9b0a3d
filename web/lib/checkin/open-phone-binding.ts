import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { ConflictError } from "../errors.ts";
import { findPersonForFaces } from "../faces/find-person-for-faces.ts";

export const BINDING_MINUTES = 10;

/**
 * The officer confirms, on their side, that the person may bind a phone now (usually with the
 * person in front of them): for the next few minutes the person's link offers "bind this phone".
 */
export async function openPhoneBinding(actor: Actor, personId: string) {
  const person = await findPersonForFaces(actor, personId);
  assertRole(actor, ["admin", "officer"], "allow phone binding");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const plan = await tx.checkInPlan.findUnique({ where: { personId: person.id } });
    if (!plan) throw new ConflictError("Set the check-in windows first: the phone is bound from the check-in link");
    const until = new Date(Date.now() + BINDING_MINUTES * 60_000);
    await tx.checkInPlan.update({ where: { personId: person.id }, data: { bindingOpenUntil: until } });
    await appendAuditEvent(tx, auditActor(actor), { action: "checkin.binding_opened", targetType: "SupervisedPerson", targetId: person.id, unitPath: person.unit.path, data: { until: until.toISOString() } });
    return { bindingOpenUntil: until.toISOString() };
  });
}
