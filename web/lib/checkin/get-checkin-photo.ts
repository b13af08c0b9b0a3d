import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { findPersonForFaces } from "../faces/find-person-for-faces.ts";

/**
 * A self check-in's snapshot, for staff of the person's subtree (inspectors included: the photo is
 * part of the record they inspect, like roll-call evidence, not a credential). Faces are personal
 * data, so every view is an audit event, written before the bytes leave.
 */
export async function getCheckInPhoto(actor: Actor, personId: string, checkInId: string) {
  const person = await findPersonForFaces(actor, personId);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const row = await tx.selfCheckIn.findFirst({ where: { id: checkInId, personId: person.id }, select: { photo: true, sha256: true } });
    if (!row) throw new NotFoundError("Check-in not found");
    await appendAuditEvent(tx, auditActor(actor), {
      action: "checkin.photo_viewed",
      targetType: "SupervisedPerson",
      targetId: person.id,
      unitPath: person.unit.path,
      data: { checkInId, sha256: row.sha256 },
    });
    return { bytes: row.photo, sha256: row.sha256, mimeType: "image/jpeg" };
  });
}
