import { ConflictError } from "../errors.ts";
import { consoleOpensAt } from "./console-opens-at.ts";
import { prepareTokenEnd } from "./prepare-token-end.ts";
import { roomIdOf } from "./room-id-of.ts";
import { personGrant, verifiedEntry } from "./verify-personal-link.ts";

/**
 * Issue 14: a verified person waiting for the roll call to open gets its connection to the media
 * node ready (socket, capabilities, both transports connected), so the push that the call opened
 * is followed by the join alone. From the console's lead time on (persons who open their link
 * hours early hold nothing on the node until then), a prepare-only token for the room the roll
 * call will have (roomIdOf): the node lets it make and connect transports, never join; the join
 * carries the token `join` gives once the call is live. Read-only, like `join`: nothing to audit.
 */
export async function prepareRollCallByLink(token: string, ticket: string) {
  const entry = await verifiedEntry(token, ticket);
  const { rollCall } = entry;
  if (rollCall.state === "live" && rollCall.roomId) return { state: "live" as const, grant: await personGrant(entry, rollCall.roomId) };
  const now = new Date();
  if (rollCall.endsAt <= now) throw new ConflictError("This roll call is over; the link has expired", { link: "expired" });
  const preparesAt = consoleOpensAt(rollCall);
  if (now < preparesAt) return { state: "early" as const, preparesAt: preparesAt.toISOString() };
  return { state: "prepared" as const, grant: await personGrant(entry, roomIdOf(rollCall.id), { notAfter: prepareTokenEnd(now, rollCall) }) };
}
