import { subtreeFilter, type Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { likeLiteral } from "../db/like-pattern.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { TPersonListQuery } from "../schemas/persons.ts";
import { getUnitOrThrow } from "../units/get-unit-or-throw.ts";
import { toPersonDto } from "./to-person-dto.ts";

export async function listPersons(actor: Actor, query: TPersonListQuery) {
  const unitPath = query.unitId ? (await getUnitOrThrow(actor, query.unitId)).path : actor.unitPath;
  const where: Prisma.SupervisedPersonWhereInput = {
    unit: { ...subtreeFilter(actor), path: { startsWith: unitPath } },
    ...(query.status ? { status: query.status } : {}),
    ...(query.q
      ? {
          OR: [
            { name: { contains: likeLiteral(query.q) } },
            { phone: { contains: likeLiteral(query.q) } },
            // The last 4 are a personal link's code: a reader who may not see them may not probe them.
            ...(/^\d{3}[\dXx]$/.test(query.q) && actor.role !== "inspector" ? [{ idLast4: query.q.toUpperCase() }] : []),
          ],
        }
      : {}),
  };
  const db = await getDb();
  const [total, rows] = await Promise.all([
    db.supervisedPerson.count({ where }),
    db.supervisedPerson.findMany({
      where,
      include: { unit: { select: { name: true } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  return { items: rows.map((row) => toPersonDto(row, actor)), total, page: query.page, pageSize: query.pageSize };
}
