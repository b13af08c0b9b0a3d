import { forbidden, MediaError } from "../errors.ts";
import type { JoinClaims } from "../protocol/join-token.ts";
import type { Peer } from "./peer.ts";

/**
 * What a room's first token fixes besides its kind: when it ends, whether it is privileged
 * (律师会见) and whether it must be recorded. Tokens are signed by the portal from the same
 * visit row, so a disagreement is a bug or a replayed token from an earlier schedule: refused
 * rather than merged (docs/DECISIONS.md, issue 9).
 */
export interface RoomTerms {
  /** Epoch ms; null: no end. */
  endsAtMs: number | null;
  privileged: boolean;
  mustRecord: boolean;
}

export const OPEN_TERMS: RoomTerms = Object.freeze({ endsAtMs: null, privileged: false, mustRecord: false });

export function termsOf(claims: Pick<JoinClaims, "endsAt" | "privileged" | "mustRecord">): RoomTerms {
  return {
    endsAtMs: claims.endsAt === undefined ? null : claims.endsAt * 1000,
    privileged: claims.privileged ?? false,
    mustRecord: claims.mustRecord ?? false,
  };
}

/** A room whose end has passed never opens again, whichever token asks and whether or not the node remembers it. */
export function assertNotEnded(terms: RoomTerms, now = Date.now()): void {
  if (terms.endsAtMs !== null && terms.endsAtMs <= now) throw new MediaError("room_closed", "This room's time is over");
}

export function assertSameTerms(room: RoomTerms, token: RoomTerms): void {
  if (room.endsAtMs !== token.endsAtMs) throw forbidden("This link names another end time for the room: open the room from its link again");
  if (room.privileged !== token.privileged || room.mustRecord !== token.mustRecord) {
    throw forbidden("This link describes the room differently from the one that opened it");
  }
}

/**
 * Whether `viewer` may receive `kind` in a room with these terms. In a privileged room staff
 * and observers (the watching officer, an inspector) may see that it is live but never hear it;
 * the check sits where consumers are made, so no request can get around it.
 */
export function mayReceive(terms: RoomTerms, viewer: Peer, kind: "audio" | "video"): boolean {
  return !(terms.privileged && kind === "audio" && (viewer.isStaff || viewer.isObserver));
}

/** For the recorder (issue 10): a privileged room is never recorded, whoever asks. */
export function assertMayRecord(terms: RoomTerms): void {
  if (terms.privileged) throw forbidden("A privileged room (律师会见) is never recorded");
}
