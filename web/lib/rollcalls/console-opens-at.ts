import { config } from "../config.ts";
import { ConflictError } from "../errors.ts";

/**
 * The console opens a set time before the start (ROLLCALL_CONSOLE_LEAD_MINUTES, 15 by default),
 * not earlier: an officer who opened a roll call hours ahead held a live room, and persons who
 * followed their link early were let in long before anyone called them.
 */
export function consoleOpensAt(rollCall: { startsAt: Date }): Date {
  return new Date(rollCall.startsAt.getTime() - config().rollCalls.consoleLeadMinutes * 60_000);
}

/** Refuses to open the call before consoleOpensAt; the error names when it opens. */
export function assertConsoleMayOpen(rollCall: { startsAt: Date }, now = new Date()): void {
  const opensAt = consoleOpensAt(rollCall);
  if (now < opensAt) {
    throw new ConflictError(`The console opens at ${opensAt.toISOString()} (${config().rollCalls.consoleLeadMinutes} minutes before the start)`, {
      startsAt: "console_not_open",
    });
  }
}
