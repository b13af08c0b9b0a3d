import { z } from "zod";
import { ZPeerInfo, ZRoomInfo, ZSource, ZTransportInfo } from "./entities.ts";
import { ZDtlsParameters, ZRtpCapabilities, ZRtpParameters } from "./media-types.ts";
import { ZNoticeRequest, ZRoomTime, ZTerminateRequest } from "./room-terms.ts";
import { ZRecordingState } from "./recording.ts";

const ZId = z.string().min(1).max(64);
const ZEmpty = z.strictObject({});

/**
 * Every client → server request: its payload schema and its result schema. The socket handler
 * wrapper parses with `payload`; the ack carries `result` (or a typed error).
 */
export const REQUESTS = {
  getRouterRtpCapabilities: { payload: ZEmpty, result: z.object({ rtpCapabilities: z.looseObject({}) }) },
  join: {
    payload: z.strictObject({
      rtpCapabilities: ZRtpCapabilities,
      /**
       * Issue 14: the join token, when the socket authenticated with a prepare-only one (a person
       * who waited for the call to open). Same room and bearer; this connection uses it from now on.
       */
      token: z.string().min(1).max(4096).optional(),
    }),
    result: z.object({
      /** true: wait in the lobby for an `admitted` or `rejected` event, then join again. */
      lobby: z.boolean(),
      self: ZPeerInfo,
      peers: z.array(ZPeerInfo),
      room: ZRoomInfo,
      /** Issue 14: the transports made before this join that the peer now owns (ids); others were closed. */
      prepared: z.array(z.string()).optional(),
    }),
  },
  /**
   * After `join`: the peer's transport. Before it (issue 14, the join screen or a waiting page):
   * the connection's own, one per direction, adopted by the join or closed after `expiresInMs`;
   * it has `sctpParameters` and may be connected (`connectTransport`) before the join.
   */
  createTransport: {
    payload: z.strictObject({ direction: z.enum(["send", "recv"]) }),
    result: ZTransportInfo.extend({ expiresInMs: z.number().int().positive().optional() }),
  },
  connectTransport: { payload: z.strictObject({ transportId: ZId, dtlsParameters: ZDtlsParameters }), result: ZEmpty },
  restartIce: {
    payload: z.strictObject({ transportId: ZId }),
    result: z.object({ iceParameters: ZTransportInfo.shape.iceParameters }),
  },
  produce: {
    payload: z.strictObject({
      transportId: ZId,
      kind: z.enum(["audio", "video"]),
      rtpParameters: ZRtpParameters,
      source: ZSource,
    }),
    result: z.object({ producerId: z.string() }),
  },
  closeProducer: { payload: z.strictObject({ producerId: ZId }), result: ZEmpty },
  /** The peer's own mute / camera-off. A producer muted by a moderator cannot be resumed here. */
  setProducerPaused: { payload: z.strictObject({ producerId: ZId, paused: z.boolean() }), result: ZEmpty },
  resumeConsumer: { payload: z.strictObject({ consumerId: ZId }), result: ZEmpty },
  /** Off-screen tiles pause their consumers so the SFU stops sending them. */
  setConsumerPaused: { payload: z.strictObject({ consumerId: ZId, paused: z.boolean() }), result: ZEmpty },
  /** Preferred simulcast layer by tile size: 0 small, 1 medium, 2 large. */
  setConsumerLayers: {
    payload: z.strictObject({
      consumerId: ZId,
      spatialLayer: z.number().int().min(0).max(2),
      temporalLayer: z.number().int().min(0).max(2).optional(),
    }),
    result: ZEmpty,
  },
  mutePeer: { payload: z.strictObject({ peerId: ZId, source: z.union([ZSource, z.literal("all")]) }), result: ZEmpty },
  /** Lifts a moderator's mute: what it paused plays again; the peer's own mutes stay. */
  unmutePeer: { payload: z.strictObject({ peerId: ZId, source: z.union([ZSource, z.literal("all")]) }), result: ZEmpty },
  /** A notice to everyone in the room: a preset (by code) or free text, one line, ≤ 120 characters. */
  sendNotice: { payload: ZNoticeRequest, result: z.object({ noticeId: z.string() }) },
  /** Ends the room now. The reason is required and goes to the portal; participants see "terminated". */
  terminateRoom: { payload: ZTerminateRequest, result: ZEmpty },
  /** The room's time again (after a phone slept, its monotonic clock may have stopped). */
  getRoomTime: { payload: ZEmpty, result: ZRoomTime },
  removePeer: { payload: z.strictObject({ peerId: ZId, reason: z.string().trim().max(200).default("") }), result: ZEmpty },
  lockRoom: { payload: z.strictObject({ locked: z.boolean() }), result: ZEmpty },
  admitPeer: { payload: z.strictObject({ peerId: ZId }), result: ZEmpty },
  rejectPeer: { payload: z.strictObject({ peerId: ZId, reason: z.string().trim().max(200).default("") }), result: ZEmpty },
  closeRoom: { payload: z.strictObject({ reason: z.string().trim().max(200).default("") }), result: ZEmpty },
  leave: { payload: ZEmpty, result: ZEmpty },
  /** Moderator: record every track of the room from now on (refused for privileged rooms, or below the disk floor). */
  startRecording: { payload: ZEmpty, result: ZRecordingState },
  /** Moderator: end every recording file of the room cleanly (refused where recording is required). */
  stopRecording: { payload: ZEmpty, result: ZRecordingState },
} as const;

export type RequestName = keyof typeof REQUESTS;
export type RequestPayload<K extends RequestName> = z.input<(typeof REQUESTS)[K]["payload"]>;
export type ParsedPayload<K extends RequestName> = z.output<(typeof REQUESTS)[K]["payload"]>;
export type RequestResult<K extends RequestName> = z.output<(typeof REQUESTS)[K]["result"]>;

/** Requests only a token with the moderate grant may send. */
export const MODERATOR_REQUESTS: ReadonlySet<RequestName> = new Set([
  "mutePeer",
  "unmutePeer",
  "removePeer",
  "lockRoom",
  "admitPeer",
  "rejectPeer",
  "closeRoom",
  "sendNotice",
  "terminateRoom",
  "startRecording",
  "stopRecording",
]);
