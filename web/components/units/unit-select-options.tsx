import type { UnitOption } from "@/lib/pages/unit-options";

/** <option>s for every unit of a subtree, indented by level so the hierarchy reads in a select. */
export function UnitSelectOptions({ units, baseLevel }: { units: UnitOption[]; baseLevel: number }) {
  return units.map((unit) => (
    <option key={unit.id} value={unit.id}>
      {"\u3000".repeat(Math.max(0, unit.level - baseLevel)) + unit.name}
    </option>
  ));
}
