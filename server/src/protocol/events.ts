import { z } from "zod";
import { ZPeerInfo, ZSource } from "./entities.ts";
import { ZRoomNotice } from "./room-terms.ts";
import { ZRecordingState } from "./recording.ts";
import { MARKED_STATUSES } from "./internal.ts";

/** Every server → client event and its payload. `newConsumer` is acknowledged by the client. */
export const EVENTS = {
  newConsumer: z.object({
    consumerId: z.string(),
    producerId: z.string(),
    peerId: z.string(),
    kind: z.enum(["audio", "video"]),
    source: ZSource,
    rtpParameters: z.looseObject({}),
    producerPaused: z.boolean(),
  }),
  consumerClosed: z.object({ consumerId: z.string() }),
  consumerPaused: z.object({ consumerId: z.string() }),
  consumerResumed: z.object({ consumerId: z.string() }),
  // The layers the node forwards now (null: none, e.g. the estimate is below the lowest layer).
  consumerLayersChanged: z.object({
    consumerId: z.string(),
    spatialLayer: z.number().int().nullable(),
    temporalLayer: z.number().int().nullable(),
  }),
  peerJoined: z.object({ peer: ZPeerInfo }),
  peerUpdated: z.object({ peer: ZPeerInfo }),
  peerLeft: z.object({ peerId: z.string() }),
  /** To the peer itself: a moderator paused one of its producers. */
  mutedByModerator: z.object({ producerId: z.string(), source: ZSource }),
  /** To the peer itself: a moderator lifted its mute (what the moderator had paused plays again). */
  unmutedByModerator: z.object({ source: ZSource }),
  activeSpeaker: z.object({ peerId: z.string().nullable() }),
  /** To moderators: who waits in the lobby. */
  lobbyChanged: z.object({ waiting: z.array(z.object({ peerId: z.string(), name: z.string() })) }),
  admitted: z.object({}),
  rejected: z.object({ reason: z.string() }),
  roomLocked: z.object({ locked: z.boolean() }),
  removed: z.object({ reason: z.string() }),
  /** `reason`: a code of ROOM_END_REASONS (room-terms.ts) or, for a meeting's host, their text. */
  roomClosed: z.object({ reason: z.string() }),
  /** Everyone: the room ends in `remainingMs` (a threshold of `room.time.warningSeconds` was crossed). */
  roomTimeWarning: z.object({ thresholdSeconds: z.number().int(), remainingMs: z.number().int() }),
  /** Everyone: a monitor's notice (a warning to both sides of a visit). */
  roomNotice: ZRoomNotice,
  /**
   * Everyone: the officer called this participant (show the name, enlarge the tile); both null
   * once the call is over (the person was marked): banners and the challenge go away.
   */
  spotlight: z.union([z.object({ peerId: z.string(), name: z.string() }), z.object({ peerId: z.null(), name: z.null() })]),
  /** Only the called participant: the liveness challenge to answer on camera. */
  challenge: z.object({ kind: z.enum(["digits", "head"]), value: z.string() }),
  /** Only the marked participant: what the officer decided (shown at once on the person's page). */
  marked: z.object({ status: z.enum(MARKED_STATUSES), makeUp: z.boolean() }),
  /** The node lost a worker or is stopping: reconnect (after the delay) and join again. */
  reconnect: z.object({ reason: z.enum(["worker_died", "draining"]), retryAfterMs: z.number().int() }),
  /** Everyone (on joining and on every change): whether the node is recording the room ("录音录像中"). */
  recordingState: ZRecordingState,
  /**
   * Moderators (issue 11): the link to a neighbouring media node went down (no traffic for 5 s)
   * or came back; while down, peers beyond it are gone from the room and come back with it.
   */
  linkState: z.object({ node: z.string(), up: z.boolean() }),
} as const;

export type EventName = keyof typeof EVENTS;
export type EventPayload<K extends EventName> = z.output<(typeof EVENTS)[K]>;
