import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { hashPassword } from "../auth/password.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { duplicateAs } from "../db/unique-violation.ts";
import { ConflictError } from "../errors.ts";
import type { TUserCreate } from "../schemas/users.ts";
import { getUnitOrThrow } from "../units/get-unit-or-throw.ts";
import { assertMayGrantAdmin } from "./assert-may-grant-admin.ts";
import { toUserDto } from "./to-user-dto.ts";

export async function createUser(actor: Actor, input: TUserCreate) {
  const unit = await getUnitOrThrow(actor, input.unitId);
  assertRole(actor, ["admin"], "create users");
  assertMayGrantAdmin(actor, input.role, unit.path);
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  // The look-up in the transaction is the usual refusal; the unique index is the one that holds
  // when two requests pass it at once.
  const duplicate = () => new ConflictError("This username is taken", { username: "duplicate" });
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
      throw duplicate();
    }
    const user = await tx.user.create({
      data: { username: input.username, displayName: input.displayName, role: input.role, unitId: unit.id, passwordHash },
      include: { unit: { select: { name: true } } },
    });
    const dto = toUserDto(user);
    await appendAuditEvent(tx, auditActor(actor), {
      action: "user.create",
      targetType: "User",
      targetId: user.id,
      unitPath: unit.path,
      data: { username: dto.username, displayName: dto.displayName, role: dto.role, unitId: dto.unitId },
    });
    return dto;
  }).catch(duplicateAs(duplicate));
}
