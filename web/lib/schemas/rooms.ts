import { z } from "zod";
import { ZDateTime, zLine, zText } from "./common.ts";

export const ZRoomKind = z.enum(["meeting", "rollcall", "visit", "inspection"]);

export const ZRoomCreate = z
  .strictObject({
    title: zText(60),
    requiresAdmission: z.boolean().default(false).meta({ description: "Guests wait in a lobby until a host admits them" }),
  })
  .meta({ id: "RoomCreate" });

export const ZRoomEvent = z
  .object({
    type: z.string(),
    identity: z.string().nullable(),
    name: z.string().nullable(),
    at: z.iso.datetime(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "RoomEvent" });

export const ZRoom = z
  .object({
    id: z.string(),
    kind: ZRoomKind,
    title: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    createdBy: z.string(),
    requiresAdmission: z.boolean(),
    state: z.enum(["open", "closed"]),
    createdAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
    hostLink: z.string().nullable().meta({ description: "Path of the host link (signed-in staff of the room's subtree); null for rooms of roll calls and for inspectors" }),
    guestLink: z.string().nullable().meta({ description: "Path of the guest link (no account; a name is asked); null for rooms of roll calls and for inspectors" }),
  })
  .meta({ id: "Room" });

export const ZRoomDetail = ZRoom.extend({ events: z.array(ZRoomEvent) }).meta({ id: "RoomDetail" });

export const ZRoomList = z.object({ items: z.array(ZRoom) }).meta({ id: "RoomList" });

export const ZJoinCodeParams = z.strictObject({ code: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid_format") });

export const ZGuestJoinBody = z
  .strictObject({
    name: zText(40),
    guestKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid_format")
      .meta({ description: "A random key the browser keeps: the same browser is the same guest (a removed guest stays removed)" }),
  })
  .meta({ id: "GuestJoin" });

export const ZJoinGrant = z
  .object({
    token: z.string().meta({ description: "Join token (JWT, EdDSA) for the media node; expires within 2 h" }),
    mediaUrl: z.string(),
    identity: z.string(),
    name: z.string(),
    moderator: z.boolean(),
    room: z.object({ id: z.string(), title: z.string(), kind: ZRoomKind }),
  })
  .meta({ id: "JoinGrant" });

/**
 * A node event's id, made at the node when it happened (a UUIDv7): the portal stores each id once,
 * however often the node posts it (a retry after a lost answer, its outbox after a restart).
 * Optional only for what nodes from before it kept in their outbox; a node always sends one now.
 */
export const ZMediaEventId = z.uuid();

/**
 * A recorded track's file closed (issue 10): where it is (relative to RECORDINGS_DIR, no way out
 * of it), its hash, and what playback needs to line it up. `at` is when the file ended.
 */
export const ZRecordingClosedEvent = z.strictObject({
  type: z.literal("recording.closed"),
  room: zLine(100),
  at: ZDateTime,
  node: zLine(64),
  id: ZMediaEventId.optional(),
  identity: zLine(100),
  name: zLine(60),
  source: z.enum(["mic", "camera", "screen"]),
  kind: z.enum(["audio", "video"]),
  file: z
    .string()
    .max(300)
    .regex(/^[A-Za-z0-9_-]+\/[A-Za-z0-9_.-]+\.(webm|mkv)$/, "not a recording path")
    .refine((file) => !file.includes(".."), "not a recording path"),
  codec: zLine(40),
  sequence: z.number().int().min(1).max(1_000_000),
  sizeBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  firstPacketAt: ZDateTime.nullable(),
  durationMs: z.number().int().min(0).max(2_147_483_647),
  endReason: zLine(40),
  gap: z.strictObject({ from: ZDateTime, to: ZDateTime.nullable() }).nullable(),
  sync: z.array(z.strictObject({ ntpMs: z.number().finite(), rtpTimestamp: z.number().int().min(0), receivedAt: z.number().finite() })).max(2000),
  /** With `sync`, where the file's time 0 is (lib/recordings/track-alignment.ts); absent from older nodes. */
  clockRate: z.number().int().min(1).max(1_000_000).optional(),
  firstRtpTimestamp: z.number().int().min(0).max(4_294_967_295).nullable().optional(),
});

/** What a media node reports to /api/internal/media-events. */
export const ZMediaEvent = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("peer.joined"),
    room: zLine(100),
    identity: zLine(100),
    name: zLine(60),
    role: zLine(20),
    at: ZDateTime,
    node: zLine(64),
    id: ZMediaEventId.optional(),
  }),
  z.strictObject({
    type: z.literal("peer.left"),
    room: zLine(100),
    identity: zLine(100),
    reason: zLine(40),
    at: ZDateTime,
    node: zLine(64),
    id: ZMediaEventId.optional(),
  }),
  z.strictObject({
    type: z.literal("room.closed"),
    room: zLine(100),
    reason: zLine(200),
    /** A moderator's termination (issue 9): its required reason and who gave it; never shown to participants. */
    note: zLine(200).optional(),
    by: zLine(100).optional(),
    at: ZDateTime,
    node: zLine(64),
    id: ZMediaEventId.optional(),
  }),
  /** A monitor's notice to everyone in the room (a warning in a visit's record). */
  z.strictObject({
    type: z.literal("room.notice"),
    room: zLine(100),
    identity: zLine(100),
    preset: zLine(40).nullable(),
    text: zLine(200),
    at: ZDateTime,
    node: zLine(64),
    id: ZMediaEventId.optional(),
  }),
  ZRecordingClosedEvent,
  /** The recordings disk is at its floor: a recording of this room was refused or stopped. */
  z.strictObject({ type: z.literal("recording.storage_full"), room: zLine(100), freeBytes: z.number().int().min(0), at: ZDateTime, node: zLine(64), id: ZMediaEventId.optional() }),
]);

export const ZMediaEventBatch = z.strictObject({ events: z.array(ZMediaEvent).min(1).max(100) }).meta({ id: "MediaEventBatch" });

export type TRoomCreate = z.infer<typeof ZRoomCreate>;
export type TMediaEvent = z.infer<typeof ZMediaEvent>;
