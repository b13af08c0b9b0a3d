import { randomUUID } from "node:crypto";
import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { duplicateAs } from "../db/unique-violation.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import type { TUnitCreate } from "../schemas/units.ts";
import { getUnitOrThrow } from "./get-unit-or-throw.ts";
import { JUSTICE_OFFICE } from "./levels.ts";
import { toUnitDto } from "./to-unit-dto.ts";

export async function createUnit(actor: Actor, input: TUnitCreate) {
  const parent = await getUnitOrThrow(actor, input.parentId);
  assertRole(actor, ["admin"], "create units");
  if (parent.level >= JUSTICE_OFFICE) {
    throw new ValidationError("A justice office has no units below it", { parentId: "no_children_allowed" });
  }
  const id = randomUUID();
  const db = await getDb();
  // The look-up in the transaction is the usual refusal; the unique index is the one that holds
  // when two requests pass it at once.
  const duplicate = () => new ConflictError("A unit with this name already exists here", { name: "duplicate" });
  return db.$transaction(async (tx) => {
    if (await tx.unit.findFirst({ where: { parentId: parent.id, name: input.name }, select: { id: true } })) {
      throw duplicate();
    }
    const unit = await tx.unit.create({
      data: { id, name: input.name, level: parent.level + 1, parentId: parent.id, path: `${parent.path}${id}/` },
    });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "unit.create",
      targetType: "Unit",
      targetId: unit.id,
      unitPath: unit.path,
      data: { name: unit.name, level: unit.level, parentId: parent.id },
    });
    return toUnitDto(unit);
  }).catch(duplicateAs(duplicate));
}
