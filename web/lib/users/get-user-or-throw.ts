import { subtreeFilter, type Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { toUserDto } from "./to-user-dto.ts";

export async function getUserOrThrow(actor: Actor, userId: string) {
  const db = await getDb();
  const user = await db.user.findFirst({
    where: { id: userId, unit: subtreeFilter(actor) },
    include: { unit: { select: { name: true } } },
  });
  if (!user) throw new NotFoundError("User not found");
  return toUserDto(user);
}
