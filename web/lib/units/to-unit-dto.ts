import type { Unit } from "../db/generated/client.ts";

export function toUnitDto(unit: Unit) {
  return { id: unit.id, name: unit.name, level: unit.level, parentId: unit.parentId };
}
