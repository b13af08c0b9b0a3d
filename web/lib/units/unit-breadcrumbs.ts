import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";

/** The chain from the actor's own unit down to `path`: ancestors above the actor stay hidden. */
export async function unitBreadcrumbs(actor: Actor, path: string) {
  const ids = path.split("/").filter(Boolean);
  const ownIndex = ids.indexOf(actor.unitId);
  if (ownIndex < 0) return [];
  const visible = ids.slice(ownIndex);
  const db = await getDb();
  const units = await db.unit.findMany({ where: { id: { in: visible } }, select: { id: true, name: true, level: true } });
  const byId = new Map(units.map((u) => [u.id, u]));
  return visible.map((id) => byId.get(id)).filter((u) => u !== undefined);
}
