import { subtreeFilter, type Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import type { TUnitNode } from "../schemas/units.ts";

/** The contract's node (schemas/units.ts): no materialized path, whose ids would name units above the actor. */
export type UnitNode = TUnitNode;

/** The actor's subtree as a tree, with direct and subtree counts of persons and staff. */
export async function listUnitTree(actor: Actor): Promise<UnitNode> {
  const db = await getDb();
  const scope = { unit: subtreeFilter(actor) };
  const [units, persons, staff] = await Promise.all([
    db.unit.findMany({ where: subtreeFilter(actor), orderBy: [{ level: "asc" }, { name: "asc" }] }),
    db.supervisedPerson.groupBy({ by: ["unitId"], where: scope, _count: { _all: true } }),
    db.user.groupBy({ by: ["unitId"], where: { ...scope, active: true }, _count: { _all: true } }),
  ]);
  const personCount = new Map(persons.map((row) => [row.unitId, row._count._all]));
  const staffCount = new Map(staff.map((row) => [row.unitId, row._count._all]));
  const nodes = new Map<string, UnitNode>();
  for (const unit of units) {
    const p = personCount.get(unit.id) ?? 0;
    const s = staffCount.get(unit.id) ?? 0;
    nodes.set(unit.id, {
      id: unit.id,
      name: unit.name,
      level: unit.level,
      parentId: unit.parentId,
      persons: p,
      staff: s,
      totalPersons: p,
      totalStaff: s,
      children: [],
    });
  }
  // Deepest first, so each node's totals are complete before they are added to its parent.
  for (const unit of [...units].reverse()) {
    const node = nodes.get(unit.id)!;
    const parent = unit.id === actor.unitId ? undefined : nodes.get(unit.parentId ?? "");
    if (!parent) continue;
    parent.children.unshift(node);
    parent.totalPersons += node.totalPersons;
    parent.totalStaff += node.totalStaff;
  }
  return nodes.get(actor.unitId)!;
}
