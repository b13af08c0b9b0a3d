import { forbidden } from "../errors.ts";
import { NO_GUESTS, type JoinClaims } from "../protocol/join-token.ts";

export type Bearer = NonNullable<JoinClaims["as"]>;

/** On whose authority the bearer enters; tokens without `as` are read from their role and grants. */
export function bearerOf(claims: Pick<JoinClaims, "as" | "role" | "grants">): Bearer {
  if (claims.as) return claims.as;
  if (claims.grants.observe) return "observer";
  return claims.role === "staff" ? "staff" : claims.role === "guest" ? "guest" : "person";
}

/**
 * The node's own check, whatever the portal did: a roll call (or a visit) is evidence, so its
 * room never opens to a guest link, even one the portal signed by mistake. The portal refuses
 * too; this is the second wall.
 */
export function assertMayEnter(claims: JoinClaims): void {
  if (NO_GUESTS.includes(claims.kind) && (bearerOf(claims) === "guest" || claims.role === "guest")) {
    throw forbidden(`A ${claims.kind} room opens only with a roster member's personal link or a staff grant`);
  }
}
