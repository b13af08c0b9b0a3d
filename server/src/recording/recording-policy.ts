import type { JoinClaims } from "../protocol/join-token.ts";

export interface RecordingPolicy {
  /** Recorded from the first join; a moderator cannot stop it. */
  required: boolean;
  /** Never recorded (privileged visits). */
  forbidden: boolean;
}

/**
 * Visits are always recorded except privileged ones, which never are; a token may ask for a
 * room to be recorded throughout (帮教 sessions); roll calls and meetings are the moderator's call.
 */
export function policyFromClaims(claims: JoinClaims): RecordingPolicy {
  const forbidden = claims.privileged === true;
  const required = !forbidden && (claims.kind === "visit" || claims.mustRecord === true);
  return { required, forbidden };
}

/**
 * Every token that enters may only make the policy stricter: one token saying "privileged" is
 * enough for the room never to be recorded again, whatever the first token said.
 */
export function mergePolicy(current: RecordingPolicy | undefined, next: RecordingPolicy): RecordingPolicy {
  if (!current) return next;
  const forbidden = current.forbidden || next.forbidden;
  return { forbidden, required: !forbidden && (current.required || next.required) };
}
