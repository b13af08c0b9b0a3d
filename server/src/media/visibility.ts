import type { Peer } from "./peer.ts";

/**
 * Whether `viewer` may know of `subject` at all: its presence, its media and events about it.
 * Observers are seen by staff only, unlisted observers (a superior's inspection) by nobody; a
 * staff-only viewer (a roll call's participant) sees staff.
 */
export function canSee(viewer: Peer, subject: Peer): boolean {
  if (subject.unlisted && viewer.id !== subject.id) return false;
  if (subject.isObserver && !viewer.isStaff) return false;
  if (viewer.sees === "staff" && !subject.isStaff) return false;
  return true;
}
