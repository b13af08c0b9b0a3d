import { subtreeFilter, type Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { toPersonDto } from "./to-person-dto.ts";

export async function getPersonOrThrow(actor: Actor, personId: string) {
  const db = await getDb();
  const person = await db.supervisedPerson.findFirst({
    where: { id: personId, unit: subtreeFilter(actor) },
    include: { unit: { select: { name: true } } },
  });
  if (!person) throw new NotFoundError("Person not found");
  return toPersonDto(person, actor);
}
