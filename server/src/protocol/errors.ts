import { z } from "zod";

/**
 * Error codes a request can be answered with. The code tells the client how to react (Galène's
 * lesson): show it, rejoin, or stop.
 */
export const ERROR_CODES = [
  "invalid_message", // the payload failed its schema: a client bug, nothing changed
  "unknown_message", // no such request
  "unauthenticated", // token missing, forged, expired or for another audience: get a new one
  "forbidden", // the token's grants do not allow this
  "not_found", // no such transport / producer / consumer / peer in this room
  "invalid_state", // e.g. produce before join, or waiting in the lobby
  "room_locked", // a moderator locked the room
  "room_closed", // the room is gone
  "rate_limited", // too many requests from this connection: slow down; persistent floods are disconnected
  "limit_exceeded", // a per-peer cap (transports, producers, consumers) or per-address connection cap is reached
  "unsupported_media", // a codec, clock rate or channel count the room's router does not take
  "invalid_media", // RTP parameters the node refuses, e.g. an ssrc, rid or mid already in use
  "node_busy", // the node has no capacity left (e.g. RTC ports): try later or another node
  "storage_full", // the recordings disk is below its free-space floor: free space (or move recordings) first
  "internal", // our fault; logged with ids
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const ZAckError = z.object({ code: z.enum(ERROR_CODES), message: z.string() });
export type AckError = z.infer<typeof ZAckError>;

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };
