import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { findPersonForFaces } from "./find-person-for-faces.ts";

/** An enrolled photo, for staff of the person's subtree; every view is written to the audit chain. */
export async function getFacePhoto(actor: Actor, personId: string, enrolmentId: string) {
  const person = await findPersonForFaces(actor, personId);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const enrolment = await tx.faceEnrolment.findFirst({ where: { id: enrolmentId, personId: person.id }, select: { photo: true, mimeType: true, sha256: true } });
    if (!enrolment) throw new NotFoundError("Enrolment not found");
    await appendAuditEvent(tx, auditActor(actor), {
      action: "face.photo_viewed",
      targetType: "SupervisedPerson",
      targetId: person.id,
      unitPath: person.unit.path,
      data: { enrolmentId, sha256: enrolment.sha256 },
    });
    return enrolment;
  });
}
