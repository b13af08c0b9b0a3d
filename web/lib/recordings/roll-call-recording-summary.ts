import type { Actor } from "../auth/actor.ts";
import { findRollCallInScope } from "../rollcalls/get-roll-call.ts";
import { roomRecordingSummary } from "./room-recording-summary.ts";

/** The line a roll call's summary shows about its recording; null for a roll call that never opened a room. */
export async function rollCallRecordingSummary(actor: Actor, rollCallId: string) {
  const rollCall = await findRollCallInScope(actor, rollCallId);
  if (!rollCall.roomId) return null;
  return roomRecordingSummary(actor, rollCall.roomId);
}
