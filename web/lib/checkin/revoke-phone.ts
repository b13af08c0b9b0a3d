import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { findPersonForFaces } from "../faces/find-person-for-faces.ts";

/**
 * Unbinding a phone (lost, replaced, or handed to someone else): it can no longer sign a
 * check-in. The row is kept, revoked, so old check-ins still name the phone that signed them.
 * Revoking twice is the same as once (the second finds nothing active and says so).
 */
export async function revokePhone(actor: Actor, personId: string, phoneId: string) {
  const person = await findPersonForFaces(actor, personId);
  assertRole(actor, ["admin", "officer"], "unbind a phone");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const revokedAt = new Date();
    const changed = await tx.phoneCredential.updateMany({ where: { id: phoneId, personId: person.id, revokedAt: null }, data: { revokedAt } });
    if (changed.count === 0) throw new NotFoundError("No bound phone with this id");
    await appendAuditEvent(tx, auditActor(actor), { action: "checkin.phone_revoked", targetType: "SupervisedPerson", targetId: person.id, unitPath: person.unit.path, data: { phoneId } });
    return { revokedAt: revokedAt.toISOString() };
  });
}
