import type { Role } from "../db/generated/enums.ts";

// What the roll-call pages offer. The domain functions remain the authority; these only decide
// which controls to show. Running one roll call (edit, cancel, links, console) follows
// `consoleRole` (lib/rollcalls/console-role.ts), the same rule as `assertRunsRollCall`.

/** Schedule new roll calls (for a unit of one's subtree). */
export function canScheduleRollCalls(role: Role): boolean {
  return role === "admin" || role === "officer";
}

export function consoleHref(rollCallId: string): string {
  return `/rollcalls/${rollCallId}/console`;
}
