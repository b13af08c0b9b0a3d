import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { findPersonForFaces } from "./find-person-for-faces.ts";

/**
 * Deletes a person's enrolment: every reference photo and descriptor of theirs, current and
 * history. The audit chain keeps what was deleted by hash only. Later comparisons say "not enrolled".
 */
export async function deleteFaceEnrolments(actor: Actor, personId: string) {
  const person = await findPersonForFaces(actor, personId);
  assertRole(actor, ["admin", "officer"], "delete face enrolments");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "SupervisedPerson" WHERE id = ${person.id} FOR UPDATE`;
    const rows = await tx.faceEnrolment.findMany({ where: { personId: person.id }, select: { id: true, sha256: true } });
    await tx.faceEnrolment.deleteMany({ where: { personId: person.id } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "face.enrolment_deleted",
      targetType: "SupervisedPerson",
      targetId: person.id,
      unitPath: person.unit.path,
      data: { deleted: rows.map((r) => ({ id: r.id, sha256: r.sha256 })) },
    });
    return { deleted: rows.length };
  });
}
