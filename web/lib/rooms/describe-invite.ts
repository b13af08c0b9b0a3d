import { isInScope, type Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError, UnauthenticatedError } from "../errors.ts";

export interface InviteView {
  /** A host link opens the room as its host (signed-in staff); a guest link asks for a name. */
  link: "host" | "guest";
  room: { id: string; title: string; open: boolean };
}

/**
 * What the join page shows for an invite code, before anyone asks for a token. A host link needs
 * a signed-in staff member of the room's subtree (the same rule the token endpoint applies);
 * unknown codes and out-of-scope host links are "not found".
 */
export async function describeInvite(code: string, actor: Actor | null): Promise<InviteView> {
  const db = await getDb();
  const room = await db.room.findFirst({
    where: { OR: [{ hostCode: code }, { guestCode: code }] },
    select: { id: true, kind: true, title: true, state: true, hostCode: true, unit: { select: { path: true } } },
  });
  // Only ad-hoc meetings are opened by invite links (a roll call's room had codes before 2026-12).
  if (!room || room.kind !== "meeting") throw new NotFoundError("This link is not valid");
  const link = room.hostCode === code ? "host" : "guest";
  if (link === "host") {
    if (!actor) throw new UnauthenticatedError("Sign in to host this room");
    if (!isInScope(actor, room.unit.path)) throw new NotFoundError("This link is not valid");
  }
  return { link, room: { id: room.id, title: room.title, open: room.state === "open" } };
}
