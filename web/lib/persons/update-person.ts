import { assertRole, auditActor, subtreeFilter, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { config } from "../config.ts";
import { getDb } from "../db/client.ts";
import { duplicateAs } from "../db/unique-violation.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import type { TPersonUpdate } from "../schemas/persons.ts";
import { assertJusticeOffice } from "./assert-justice-office.ts";
import { hashIdNumber } from "./id-number-hash.ts";
import { maskIdNumber, normalizeIdNumber } from "./id-number.ts";
import { toPersonDto } from "./to-person-dto.ts";

export async function updatePerson(actor: Actor, personId: string, input: TPersonUpdate) {
  const db = await getDb();
  const existing = await db.supervisedPerson.findFirst({
    where: { id: personId, unit: subtreeFilter(actor) },
    include: { unit: { select: { name: true, path: true } } },
  });
  if (!existing) throw new NotFoundError("Person not found");
  assertRole(actor, ["admin", "officer"], "edit persons");
  const unit = input.unitId && input.unitId !== existing.unitId ? await assertJusticeOffice(actor, input.unitId) : existing.unit;

  const { version, idNumber, startDate, endDate, ...fields } = input;
  const idFields = idNumber
    ? {
        idNumberHash: hashIdNumber(config().idHashKey, idNumber),
        idNumberMasked: maskIdNumber(idNumber),
        idLast4: normalizeIdNumber(idNumber).slice(-4),
      }
    : {};
  const start = startDate ? new Date(startDate) : existing.startDate;
  const end = endDate ? new Date(endDate) : existing.endDate;
  if (end < start) throw new ValidationError("End date is before start date", { endDate: "end_before_start" });

  // The look-up in the transaction is the usual refusal; the unique index is the one that holds
  // when two requests pass it at once.
  const duplicate = () => new ConflictError("A person with this ID number is already registered", { idNumber: "duplicate" });
  return db.$transaction(async (tx) => {
    if (idFields.idNumberHash) {
      const other = await tx.supervisedPerson.findUnique({ where: { idNumberHash: idFields.idNumberHash }, select: { id: true } });
      if (other && other.id !== personId) {
        throw duplicate();
      }
    }
    // The version check and the write are one statement: a concurrent edit cannot slip between.
    const { count } = await tx.supervisedPerson.updateMany({
      where: { id: personId, version },
      data: { ...fields, ...idFields, startDate: start, endDate: end, version: { increment: 1 } },
    });
    if (count === 0) {
      throw new ConflictError("Someone else changed this person since you opened it; reload to see their changes", {
        version: "stale",
      });
    }
    const updated = await tx.supervisedPerson.findUniqueOrThrow({
      where: { id: personId },
      include: { unit: { select: { name: true } } },
    });
    const changed = Object.keys(input).filter((key) => key !== "version");
    await appendAuditEvent(tx, auditActor(actor), {
      action: "person.update",
      targetType: "SupervisedPerson",
      targetId: personId,
      unitPath: unit.path,
      data: {
        changed,
        before: pick(toPersonDto(existing), changed),
        after: pick(toPersonDto(updated), changed),
      },
    });
    return toPersonDto(updated);
  }).catch(duplicateAs(duplicate));
}

function pick(dto: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((key) => [key === "idNumber" ? "idNumberMasked" : key, dto[key === "idNumber" ? "idNumberMasked" : key]]));
}
