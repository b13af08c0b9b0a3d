import { createHash } from "node:crypto";

/**
 * The media room a roll call has, or will have once it opens: a UUID (version 8, RFC 9562's
 * "custom" kind) derived from the roll call's id. The console is prepared before the call opens
 * (prepare-roll-call.ts): its token must name the room that `openRollCall` creates later, when
 * no Room row exists yet. Deriving the id needs no stored reservation and no state change; it is
 * the same id whichever portal process asks. The id grants nothing by itself: a join token is
 * signed, and the node lets in only its bearer.
 */
export function roomIdOf(rollCallId: string): string {
  const bytes = createHash("sha256").update(`yangguang-av:rollcall-room:${rollCallId}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
