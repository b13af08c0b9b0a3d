import { z } from "zod";
import { ZRoomKind } from "./join-token.ts";
import { ZRoomTime } from "./room-terms.ts";

export const ZSource = z.enum(["mic", "camera", "screen"]);
export type Source = z.infer<typeof ZSource>;

export const ZProducerInfo = z.object({
  id: z.string(),
  kind: z.enum(["audio", "video"]),
  source: ZSource,
  paused: z.boolean(),
  /** Paused by a moderator: only a moderator (or the peer unmuting itself, if allowed) resumes it. */
  mutedByModerator: z.boolean(),
});
export type ProducerInfo = z.infer<typeof ZProducerInfo>;

export const ZPeerInfo = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(["staff", "participant", "guest"]),
  moderator: z.boolean(),
  /** Only ever sent to staff: observers are invisible to everyone else. */
  observer: z.boolean(),
  connected: z.boolean(),
  producers: z.array(ZProducerInfo),
});
export type PeerInfo = z.infer<typeof ZPeerInfo>;

export const ZRoomInfo = z.object({
  id: z.string(),
  /** What the room is (fixed by its first token): a visit's pages publish one full-size encoding (issue 14). */
  kind: ZRoomKind,
  locked: z.boolean(),
  /** Its end and warnings (room-terms.ts); `endsAt: null` for rooms without an end. */
  time: ZRoomTime,
  /** 律师会见: staff and observers hear nothing, nothing is recorded; every side says so. */
  privileged: z.boolean(),
  /** The room must be recorded (token `mustRecord`, or any visit that is not privileged): show "录音录像中" until the recorder (issue 10) reports its real state. */
  mustRecord: z.boolean(),
});
export type RoomInfo = z.infer<typeof ZRoomInfo>;

export const ZTransportInfo = z.object({
  id: z.string(),
  iceParameters: z.looseObject({ usernameFragment: z.string(), password: z.string(), iceLite: z.boolean().optional() }),
  iceCandidates: z.array(z.looseObject({})),
  dtlsParameters: z.looseObject({}),
  /** Issue 14: only on a transport prepared before `join` (its data channel connects it early). */
  sctpParameters: z.looseObject({ port: z.number().int(), OS: z.number().int(), MIS: z.number().int(), maxMessageSize: z.number().int() }).optional(),
});
export type TransportInfo = z.infer<typeof ZTransportInfo>;
