import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import type { TResidenceAreaBody } from "../schemas/faces.ts";
import { findPersonForFaces } from "../faces/find-person-for-faces.ts";
import { toResidenceAreaDto } from "./get-residence-area.ts";

/** An officer sets (or moves) a person's residence area; the old and new values go to the audit chain. */
export async function setResidenceArea(actor: Actor, personId: string, input: TResidenceAreaBody) {
  const person = await findPersonForFaces(actor, personId);
  assertRole(actor, ["admin", "officer"], "set residence areas");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await tx.residenceArea.findUnique({ where: { personId: person.id } });
    const area = await tx.residenceArea.upsert({
      where: { personId: person.id },
      create: { personId: person.id, ...input, updatedById: actor.userId },
      update: { ...input, updatedById: actor.userId },
    });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "person.residence_area_set",
      targetType: "SupervisedPerson",
      targetId: person.id,
      unitPath: person.unit.path,
      data: { before: before ? toResidenceAreaDto(before) : null, after: toResidenceAreaDto(area) },
    });
    return toResidenceAreaDto(area);
  });
}
