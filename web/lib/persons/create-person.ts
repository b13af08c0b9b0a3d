import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { config } from "../config.ts";
import { getDb } from "../db/client.ts";
import { duplicateAs } from "../db/unique-violation.ts";
import { ConflictError } from "../errors.ts";
import type { TPersonCreate } from "../schemas/persons.ts";
import { assertJusticeOffice } from "./assert-justice-office.ts";
import { hashIdNumber } from "./id-number-hash.ts";
import { maskIdNumber, normalizeIdNumber } from "./id-number.ts";
import { toPersonDto } from "./to-person-dto.ts";

export async function createPerson(actor: Actor, input: TPersonCreate) {
  const unit = await assertJusticeOffice(actor, input.unitId);
  assertRole(actor, ["admin", "officer"], "create persons");
  const idNumber = normalizeIdNumber(input.idNumber);
  const idNumberHash = hashIdNumber(config().idHashKey, idNumber);
  const db = await getDb();
  // The look-up in the transaction is the usual refusal; the unique index is the one that holds
  // when two requests pass it at once.
  const duplicate = () => new ConflictError("A person with this ID number is already registered", { idNumber: "duplicate" });
  return db.$transaction(async (tx) => {
    if (await tx.supervisedPerson.findUnique({ where: { idNumberHash }, select: { id: true } })) {
      throw duplicate();
    }
    const { idNumber: _plain, ...fields } = input;
    const person = await tx.supervisedPerson.create({
      data: {
        ...fields,
        idNumberHash,
        idNumberMasked: maskIdNumber(idNumber),
        idLast4: idNumber.slice(-4),
        startDate: new Date(input.startDate),
        endDate: new Date(input.endDate),
      },
      include: { unit: { select: { name: true } } },
    });
    const dto = toPersonDto(person);
    await appendAuditEvent(tx, auditActor(actor), {
      action: "person.create",
      targetType: "SupervisedPerson",
      targetId: person.id,
      unitPath: unit.path,
      data: { ...dto, createdAt: undefined, updatedAt: undefined },
    });
    return dto;
  }).catch(duplicateAs(duplicate));
}
