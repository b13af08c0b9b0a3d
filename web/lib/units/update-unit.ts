import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { duplicateAs } from "../db/unique-violation.ts";
import { ConflictError, ForbiddenError } from "../errors.ts";
import type { TUnitUpdate } from "../schemas/units.ts";
import { getUnitOrThrow } from "./get-unit-or-throw.ts";
import { toUnitDto } from "./to-unit-dto.ts";

export async function updateUnit(actor: Actor, unitId: string, input: TUnitUpdate) {
  const unit = await getUnitOrThrow(actor, unitId);
  assertRole(actor, ["admin"], "rename units");
  // An admin manages the units below its own; its own unit is renamed from above.
  if (unit.id === actor.unitId) throw new ForbiddenError("Your own unit is managed by the level above");
  const db = await getDb();
  // The look-up in the transaction is the usual refusal; the unique index is the one that holds
  // when two requests pass it at once.
  const duplicate = () => new ConflictError("A unit with this name already exists here", { name: "duplicate" });
  return db.$transaction(async (tx) => {
    const clash = await tx.unit.findFirst({ where: { parentId: unit.parentId, name: input.name, NOT: { id: unit.id } } });
    if (clash) throw duplicate();
    const updated = await tx.unit.update({ where: { id: unit.id }, data: { name: input.name } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "unit.update",
      targetType: "Unit",
      targetId: unit.id,
      unitPath: unit.path,
      data: { before: { name: unit.name }, after: { name: updated.name } },
    });
    return toUnitDto(updated);
  }).catch(duplicateAs(duplicate));
}
