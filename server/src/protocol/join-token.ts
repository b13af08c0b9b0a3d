import { z } from "zod";

/** Who the bearer is and what it may do in one room; signed by the portal, verified by nodes. */
export const ZGrants = z.strictObject({
  publish: z.boolean(),
  subscribe: z.boolean(),
  /** Present without being seen: never listed to non-staff peers, never publishes. */
  observe: z.boolean(),
  moderate: z.boolean(),
});
export type Grants = z.infer<typeof ZGrants>;

export const ZJoinClaims = z.object({
  /** Room id: the only room the token opens. */
  room: z.string().min(1).max(100),
  /** Stable identity (user id, person id…): a reconnect with the same identity takes the same place. */
  sub: z.string().min(1).max(100),
  name: z.string().min(1).max(60),
  role: z.enum(["staff", "participant", "guest"]),
  grants: ZGrants,
  /**
   * Whom the bearer may see and hear: "staff" keeps a roll call's supervised persons from seeing
   * each other (or knowing who else is there); they see and hear only the officers.
   */
  sees: z.enum(["everyone", "staff"]).default("everyone"),
  /** When true the bearer waits in the lobby until a moderator admits it. */
  lobby: z.boolean().default(false),
  exp: z.number().int(),
  iat: z.number().int().optional(),
});
export type JoinClaims = z.infer<typeof ZJoinClaims>;

export const JOIN_TOKEN_AUDIENCE = "yangguang-media";
export const JOIN_TOKEN_ISSUER = "yangguang-portal";
/** The portal never issues a token for longer than this (a room's schedule only shortens it). */
export const JOIN_TOKEN_DEFAULT_TTL_SECONDS = 2 * 60 * 60;
/**
 * Nodes refuse a token meant to live longer than this (exp − iat, or exp − now), whoever signed
 * it: a leaked long-lived token would open its room for years. The skew allows for clocks.
 */
export const JOIN_TOKEN_MAX_TTL_SECONDS = JOIN_TOKEN_DEFAULT_TTL_SECONDS;
export const JOIN_TOKEN_CLOCK_SKEW_SECONDS = 60;
