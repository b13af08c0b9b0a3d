import { subtreeFilter, type Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { likeLiteral } from "../db/like-pattern.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { TUserListQuery } from "../schemas/users.ts";
import { getUnitOrThrow } from "../units/get-unit-or-throw.ts";
import { toUserDto } from "./to-user-dto.ts";

export async function listUsers(actor: Actor, query: TUserListQuery) {
  const unitPath = query.unitId ? (await getUnitOrThrow(actor, query.unitId)).path : actor.unitPath;
  const where: Prisma.UserWhereInput = {
    unit: { ...subtreeFilter(actor), path: { startsWith: unitPath } },
    ...(query.q ? { OR: [{ username: { contains: likeLiteral(query.q) } }, { displayName: { contains: likeLiteral(query.q) } }] } : {}),
  };
  const db = await getDb();
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      include: { unit: { select: { name: true } } },
      orderBy: [{ username: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  return { items: rows.map(toUserDto), total, page: query.page, pageSize: query.pageSize };
}
