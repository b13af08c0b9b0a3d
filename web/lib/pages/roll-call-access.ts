import type { Role } from "../db/generated/enums.ts";

// What the roll-call pages offer. The domain functions' assertRole calls remain the authority;
// these only decide which controls to show.

/** Schedule, edit, cancel and manage personal links. */
export function canScheduleRollCalls(role: Role): boolean {
  return role === "admin" || role === "officer";
}

export function consoleHref(rollCallId: string): string {
  return `/rollcalls/${rollCallId}/console`;
}
