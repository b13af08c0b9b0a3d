import { z } from "zod";
import { ZSource } from "./entities.ts";
import { ZRoomKind } from "./join-token.ts";

// The control channel between a media node and its parent (issue 11): one socket.io connection,
// opened by the child, authenticated both ways with the nodes' own Ed25519 keys
// (server/src/network/link-auth.ts). Every message is one of these, parsed before it is used.

export const NETWORK_NAMESPACE = "/network";
export const LINK_TOKEN_AUDIENCE_PREFIX = "yangguang-node:";

const ZId = z.string().min(1).max(100);
const ZNodeId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);

/** A tuple where a PipeTransport listens, and its SRTP keys. */
export const ZPipeEnd = z.strictObject({
  ip: z.ipv4().or(z.ipv6()),
  port: z.number().int().min(1).max(65535),
  srtp: z.strictObject({ cryptoSuite: z.enum(["AEAD_AES_256_GCM", "AEAD_AES_128_GCM", "AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32"]), keyBase64: z.string().min(16).max(200) }),
});
export type PipeEnd = z.infer<typeof ZPipeEnd>;

/** What a room's far side needs to open the same room: its kind and terms (room-terms.ts). */
export const ZRoomSpec = z.strictObject({
  room: ZId,
  home: ZNodeId,
  kind: ZRoomKind,
  endsAtMs: z.number().int().positive().nullable(),
  privileged: z.boolean(),
  mustRecord: z.boolean(),
});
export type RoomSpec = z.infer<typeof ZRoomSpec>;

export const ZRemoteProducer = z.strictObject({
  id: ZId,
  kind: z.enum(["audio", "video"]),
  source: ZSource,
  paused: z.boolean(),
  mutedByModerator: z.boolean(),
});
export type RemoteProducer = z.infer<typeof ZRemoteProducer>;

/** A peer as another node sees it: enough for presence and for the visibility rules (`sees`, observers). */
export const ZRemotePeer = z.strictObject({
  id: ZId,
  name: z.string().min(1).max(60),
  role: z.enum(["staff", "participant", "guest"]),
  moderator: z.boolean(),
  observer: z.boolean(),
  sees: z.enum(["everyone", "staff"]),
  /** An unlisted observer (a superior's inspection): known to the nodes for routing, listed to nobody. */
  unlisted: z.boolean().optional(),
  connected: z.boolean(),
  producers: z.array(ZRemoteProducer).max(8),
});
export type RemotePeerInfo = z.infer<typeof ZRemotePeer>;

/** Requests (acknowledged) and notices, each by name; `room` is always one both sides linked. */
export const LINK_MESSAGES = {
  /** Child → parent after the handshake, and on every change: the node ids in its subtree (routing). */
  subtree: z.strictObject({ nodes: z.array(ZNodeId).max(1000) }),
  /**
   * Open the room on the receiver too (toward its home) with one PipeTransport pair, and (`layers`)
   * one SRTP PlainTransport pair for streams that cross as one simulcast layer.
   */
  link: z.strictObject({ spec: ZRoomSpec, pipe: ZPipeEnd, layers: ZPipeEnd.optional() }),
  /** `reason`: the room ended (moderator, portal, end time) and ends on the receiver too. */
  unlink: z.strictObject({ room: ZId, reason: z.string().min(1).max(100).optional() }),
  /** Every peer the sender knows in the room that did not come from the receiver (replaces the last set). */
  peers: z.strictObject({ room: ZId, peers: z.array(ZRemotePeer).max(2000) }),
  /**
   * Send this producer over the room's link (first demand), or, asked again, change what crosses:
   * `layer` is the highest simulcast layer anyone on the receiver's side needs (absent: the top).
   */
  pipe: z.strictObject({ room: ZId, producerId: ZId, layer: z.number().int().min(0).max(15).optional() }),
  /** Nobody beyond the link watches it any more (after the grace period). */
  unpipe: z.strictObject({ room: ZId, producerId: ZId }),
  /** The producer paused or resumed (a mute, or the publisher's own), or closed, at its source. */
  producerState: z.strictObject({ room: ZId, producerId: ZId, state: z.enum(["paused", "resumed", "closed"]) }),
  /** A moderator on another node muted or unmuted a peer: carried toward the peer's own node. */
  moderate: z.strictObject({ room: ZId, peerId: ZId, action: z.enum(["mute", "unmute"]), source: z.enum(["mic", "camera", "screen", "all"]) }),
  /** Liveness: a link with no message for 5 s is down (pipes have no ICE to tell). */
  ping: z.strictObject({ at: z.number().int() }),
} as const;

export type LinkMessageName = keyof typeof LINK_MESSAGES;
export type LinkMessage<K extends LinkMessageName> = z.output<(typeof LINK_MESSAGES)[K]>;

/** Replies to `link` and `pipe`. */
export const ZLinkReply = z.strictObject({ pipe: ZPipeEnd, layers: ZPipeEnd.optional() });
export const ZPipeReply = z.strictObject({
  kind: z.enum(["audio", "video"]),
  rtpParameters: z.looseObject({}),
  paused: z.boolean(),
  /** It crosses as one layer over the layers transport (produce it there, one encoding), not the pipe. */
  layered: z.boolean().optional(),
});
export type PipeReply = z.infer<typeof ZPipeReply>;
