import { isInScope, type Actor } from "../auth/actor.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";

// Remote inspection (issue 11 §3): one rule per action. Each domain function calls its rule on the
// room it found, so pages, the API and the grants the node receives agree.

/** Watching (a tile, or the room opened unseen): any staff whose subtree holds the room. */
export function assertMayWatch(actor: Actor, roomUnitPath: string): void {
  if (!isInScope(actor, roomUnitPath)) throw new NotFoundError("Room not found");
}

/**
 * Speaking (joining visibly): a superior center's admin or officer, for a room strictly below its
 * own unit. Inspectors are read-only: they watch, never publish.
 */
export function assertMaySpeak(actor: Actor, roomUnitPath: string): void {
  assertMayWatch(actor, roomUnitPath);
  if (actor.role === "inspector") throw new ForbiddenError("Role inspector may not speak in a room; it watches unseen");
  if (roomUnitPath === actor.unitPath) throw new ForbiddenError("Speak is for a superior center; this room is your own unit's");
}

/** 律师会见: nobody watches or listens, whoever asks; the wall shows it only as in progress. */
export function assertMediaAllowed(privileged: boolean): void {
  if (privileged) throw new ForbiddenError("A privileged visit is shown only as in progress; it cannot be watched");
}

/** The media identity of one inspection view: never a user id, so it neither collides with the
 * staff member's own place in the room nor tells anyone who watches. */
export const inspectionIdentity = (viewId: string) => `insp:${viewId}`;
export const INSPECTION_IDENTITY_PREFIX = "insp:";
