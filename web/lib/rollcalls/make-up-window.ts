import { config } from "../config.ts";

/** Until when a person marked 缺席 on this roll call may be called again (补点); null before the end. */
export function makeUpClosesAt(rollCall: { state: string; endedAt: Date | null }): Date | null {
  if (rollCall.state !== "ended" || !rollCall.endedAt) return null;
  return new Date(rollCall.endedAt.getTime() + config().rollCalls.makeUpMinutes * 60_000);
}
