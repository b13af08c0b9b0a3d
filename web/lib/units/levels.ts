export const UNIT_LEVELS = [1, 2, 3, 4, 5] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const MINISTRY = 1;
export const JUSTICE_OFFICE = 5;

/** Message key for a level's name (司法部, 省, 市, 县/区, 司法所). */
export function unitLevelKey(level: number): string {
  return `unitLevel.${level}`;
}
