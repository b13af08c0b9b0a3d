import { markedOnMediaNode } from "../rooms/media-node-client.ts";
import type { MarkInput } from "./mark-entry.ts";

/**
 * The person's screen says what the officer decided the moment the mark is saved: the portal asks
 * the media node to tell that peer alone (a `marked` event), instead of the phone polling the
 * portal. False when the person is not in the room (marked 请假 from the roster, or gone) or the
 * node cannot be reached: the mark itself is saved either way.
 */
export async function tellPersonMarked(
  rollCall: { state: string; roomId: string | null },
  personId: string,
  status: MarkInput["status"],
  makeUp = false,
): Promise<boolean> {
  if (rollCall.state !== "live" || !rollCall.roomId) return false;
  return markedOnMediaNode(rollCall.roomId, { peerId: `person:${personId}`, status, makeUp });
}
