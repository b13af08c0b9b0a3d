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

export const ZRoomKind = z.enum(["meeting", "rollcall", "visit", "inspection"]);
export type RoomKind = z.infer<typeof ZRoomKind>;

/** Kinds whose rooms open only to a roster member, staff or an observer: never to a guest link. */
export const NO_GUESTS: readonly RoomKind[] = ["rollcall", "visit"];

/**
 * A TURN relay and its short-lived credentials (coturn's shared-secret scheme), for browsers that
 * cannot reach the media node over UDP. The portal puts them in the token, valid as long as it;
 * the browser reads them from there (the node ignores them).
 */
export const ZIceServer = z.strictObject({
  urls: z.array(z.string().regex(/^turns?:/).max(200)).min(1).max(8),
  username: z.string().min(1).max(200),
  credential: z.string().min(1).max(200),
});
export type IceServer = z.infer<typeof ZIceServer>;

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
  /**
   * What the room is, as the portal knows it. The first token that opens a room fixes its kind on
   * the node; a token naming another kind for the same room is refused, so a link minted for an
   * ad-hoc meeting cannot be pointed at a roll call.
   */
  kind: ZRoomKind.default("meeting"),
  /**
   * On whose authority the bearer enters: a roster member's verified link (`person`), staff who run
   * the room, an observer grant, or a guest link. Rooms of kinds in `NO_GUESTS` refuse `guest`.
   * Derived from `role` and `grants.observe` when absent (tokens signed before this claim).
   */
  as: z.enum(["person", "staff", "observer", "guest"]).optional(),
  /**
   * An observer listed to nobody, staff included: a superior center's remote inspection (issue 11).
   * Only with the observe grant (the refinement below); a room's own monitors stay known to staff.
   */
  unlisted: z.boolean().optional(),
  /** When true the bearer waits in the lobby until a moderator admits it. */
  lobby: z.boolean().default(false),
  /**
   * Issue 14: a person waiting for a roll call that has not opened. The bearer may load the room's
   * capabilities and make and connect its transports, never join: `join` must carry a token
   * without this claim for the same room and bearer (the portal gives one once the call is live).
   */
  prepareOnly: z.literal(true).optional(),
  /**
   * The room's end (unix seconds): the node closes the room then by itself, portal or not, and
   * refuses every token of the room from then on. Every token of a timed room names the same
   * end; the first fixes it on the node and a token that disagrees (or names none) is refused.
   */
  endsAt: z.number().int().positive().optional(),
  /**
   * A privileged room (律师会见): staff and observers receive no audio from it and nothing is
   * recorded. Fixed by the first token like `endsAt`.
   */
  privileged: z.boolean().optional(),
  /** The room must be recorded (every non-privileged visit): drives the "录音录像中" indicator. */
  mustRecord: z.boolean().optional(),
  ice: z.array(ZIceServer).max(2).optional(),
  /**
   * Issue 11: the media node the bearer connects to (its own center's node for staff, the room's
   * unit's node for persons and families); a node refuses a token naming another node. Absent:
   * any node (a single-node deployment).
   */
  node: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional(),
  /** Issue 11: the node the room lives on (its unit's node); absent or equal to `node`: the bearer's node. */
  home: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional(),
  exp: z.number().int(),
  iat: z.number().int().optional(),
}).refine((claims) => !(claims.privileged && claims.mustRecord), {
  message: "A privileged room is never recorded",
  path: ["mustRecord"],
}).refine((claims) => !claims.unlisted || claims.grants.observe, {
  message: "Only an observer can be unlisted",
  path: ["unlisted"],
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
