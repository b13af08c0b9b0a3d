import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import type { TInspectionHistory } from "../schemas/inspection.ts";

const PAGE_SIZE = 50;

/**
 * Who watched what, when and for how long: the views made by staff of the actor's subtree (its
 * own and its subordinates' inspections). Watching is unseen, so the watched side does not list
 * it here; the audit chain keeps each grant under the room's unit.
 */
export async function listInspectionHistory(actor: Actor, page: number): Promise<TInspectionHistory> {
  const db = await getDb();
  const where = { viewerUnitPath: { startsWith: actor.unitPath } };
  const [total, rows] = await Promise.all([
    db.inspectionView.count({ where }),
    db.inspectionView.findMany({
      where,
      orderBy: [{ openedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      include: { room: { select: { title: true, kind: true, unit: { select: { name: true } } } } },
    }),
  ]);
  return {
    items: rows.map((v) => ({
      id: v.id,
      actorName: v.actorName,
      roomId: v.roomId,
      roomTitle: v.room.title,
      roomKind: v.room.kind,
      unitName: v.room.unit.name,
      mode: v.mode,
      openedAt: v.openedAt.toISOString(),
      joinedAt: v.joinedAt?.toISOString() ?? null,
      closedAt: v.closedAt?.toISOString() ?? null,
      durationSeconds: v.joinedAt && v.closedAt ? Math.max(0, Math.round((v.closedAt.getTime() - v.joinedAt.getTime()) / 1000)) : null,
    })),
    page,
    pageSize: PAGE_SIZE,
    total,
  };
}
