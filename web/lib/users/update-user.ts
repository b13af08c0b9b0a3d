import { assertRole, auditActor, subtreeFilter, type Actor } from "../auth/actor.ts";
import { hashPassword } from "../auth/password.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import type { TUserUpdate } from "../schemas/users.ts";
import { getUnitOrThrow } from "../units/get-unit-or-throw.ts";
import { assertMayGrantAdmin } from "./assert-may-grant-admin.ts";
import { toUserDto } from "./to-user-dto.ts";

export async function updateUser(actor: Actor, userId: string, input: TUserUpdate) {
  const db = await getDb();
  const existing = await db.user.findFirst({
    where: { id: userId, unit: subtreeFilter(actor) },
    include: { unit: { select: { name: true, path: true } } },
  });
  if (!existing) throw new NotFoundError("User not found");
  assertRole(actor, ["admin"], "edit users");
  if (existing.id === actor.userId && (input.active === false || (input.role && input.role !== actor.role) || input.unitId)) {
    throw new ForbiddenError("You cannot deactivate, demote or move yourself; ask another administrator");
  }
  const unit = input.unitId
    ? await getUnitOrThrow(actor, input.unitId)
    : existing.unit;
  // Covers both a promotion and moving an admin up to the actor's unit; editing oneself is fine.
  if (existing.id !== actor.userId) assertMayGrantAdmin(actor, input.role ?? existing.role, unit.path);
  const { password, ...fields } = input;
  const passwordHash = password ? await hashPassword(password) : undefined;
  return db.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: userId },
      data: { ...fields, ...(passwordHash ? { passwordHash } : {}) },
      include: { unit: { select: { name: true } } },
    });
    // Deactivating a user or changing its password ends its open sessions.
    if (input.active === false || passwordHash) await tx.session.deleteMany({ where: { userId } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "user.update",
      targetType: "User",
      targetId: userId,
      unitPath: unit.path,
      data: { changed: Object.keys(input), ...fields, passwordChanged: Boolean(passwordHash) },
    });
    return toUserDto(updated);
  });
}
