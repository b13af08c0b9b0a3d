import type { UnitNode } from "../units/list-unit-tree.ts";
import { flattenUnitTree, type UnitOption } from "./unit-options.ts";

export interface ScheduleUnitOption extends UnitOption {
  /** This unit and every unit below it: a roster may take persons of any of them. */
  subtreeIds: string[];
}

/** The units a roll call can be held by (the actor's own and every one below), each with its subtree. */
export function scheduleUnitOptions(root: UnitNode): ScheduleUnitOption[] {
  const subtree = (node: UnitNode): string[] => [node.id, ...node.children.flatMap(subtree)];
  const byId = new Map<string, UnitNode>();
  const index = (node: UnitNode) => {
    byId.set(node.id, node);
    node.children.forEach(index);
  };
  index(root);
  return flattenUnitTree(root).map((option) => ({ ...option, subtreeIds: subtree(byId.get(option.id)!) }));
}
