import type { TUnitNode } from "../schemas/units.ts";
import { JUSTICE_OFFICE } from "../units/levels.ts";

export interface UnitOption {
  id: string;
  name: string;
  level: number;
  /** The parent's name, to tell apart offices of the same name in different counties. */
  parentName: string | null;
}

/** Every unit of a tree in display order (parents before children). */
export function flattenUnitTree(root: TUnitNode, parentName: string | null = null): UnitOption[] {
  return [
    { id: root.id, name: root.name, level: root.level, parentName },
    ...root.children.flatMap((child) => flattenUnitTree(child, root.name)),
  ];
}

/** The units a person can be assigned to: the justice offices (司法所) of the tree. */
export function justiceOfficeOptions(root: TUnitNode): UnitOption[] {
  return flattenUnitTree(root).filter((unit) => unit.level === JUSTICE_OFFICE);
}

export function findUnitNode(root: TUnitNode, unitId: string): TUnitNode | undefined {
  if (root.id === unitId) return root;
  for (const child of root.children) {
    const found = findUnitNode(child, unitId);
    if (found) return found;
  }
  return undefined;
}
