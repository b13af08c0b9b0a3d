import type { PeerInfo, Source } from "../../../server/src/protocol/entities.ts";
import type { EventPayload } from "../../../server/src/protocol/events.ts";
import type { RoomNotice } from "../../../server/src/protocol/room-terms.ts";
import type { RecordingState } from "../../../server/src/protocol/recording.ts";
import { NO_CLOCK, type RoomClock } from "./room-clock.ts";

export type CallPhase = "connecting" | "lobby" | "joined" | "reconnecting" | "ended";

export type EndReason =
  | { kind: "left" }
  | { kind: "removed"; message: string }
  | { kind: "rejected"; message: string }
  /** `message`: a code of ROOM_END_REASONS ("on_time", "terminated"…) or a meeting host's words. */
  | { kind: "closed"; message: string }
  | { kind: "refused"; code: string; message: string };

export interface RemoteTrack {
  consumerId: string;
  peerId: string;
  kind: "audio" | "video";
  source: Source;
  track: MediaStreamTrack;
  /** The sender paused it (muted, camera off, or muted by a moderator). */
  producerPaused: boolean;
  /**
   * The layers the node forwards to us, as it last said (simulcast or temporal layers; absent
   * until it says, and for audio). Below what was asked means the downlink is short.
   */
  forwarded?: { spatialLayer: number | null; temporalLayer: number | null };
}

export interface LocalProducer {
  producerId: string;
  paused: boolean;
  mutedByModerator: boolean;
}

export interface CallState {
  phase: CallPhase;
  /**
   * Held at the gate (a screen prepared before the click, issue 14) with both prepared transports
   * connected, ICE + DTLS done: the click only sends `join`. Cleared by the join.
   */
  readyToJoin?: boolean;
  ended?: EndReason;
  /** Why we are reconnecting, for the banner. */
  reconnecting?: "network" | "worker_died" | "draining";
  self?: PeerInfo;
  peers: PeerInfo[];
  tracks: RemoteTrack[];
  activeSpeaker: string | null;
  locked: boolean;
  lobby: Array<{ peerId: string; name: string }>;
  local: Partial<Record<Source, LocalProducer>>;
  /** A request failed in a way the user should see (e.g. "a moderator muted you"). */
  notice?: string;
  /** Roll call: who the officer is calling now (everyone in the room is told); none once marked. */
  spotlight?: Extract<EventPayload<"spotlight">, { peerId: string }>;
  /**
   * Roll call: the liveness challenge sent to us alone when we are called. It stays until the
   * next spotlight (someone else called, or us again with a fresh challenge).
   */
  challenge?: EventPayload<"challenge">;
  /** Roll call: the officer's latest mark of us, pushed by the node the moment it is saved. */
  marked?: EventPayload<"marked">;
  /** A timed room's end on this device's monotonic clock (room-clock.ts). */
  clock: RoomClock;
  /** The last end-of-time warning the node pushed (thresholdSeconds: 300, 60 by default). */
  timeWarning?: EventPayload<"roomTimeWarning">;
  /** A monitor's notices, oldest first (the last few). */
  notices: RoomNotice[];
  /** 律师会见: staff and observers hear nothing and nothing is recorded (say so on every side). */
  privileged: boolean;
  /** The room must be recorded ("录音录像中"); the recorder (issue 10) will report its real state. */
  mustRecord: boolean;
  /** The recorder's state as the node reports it (`recordingState`); null until it does. */
  recording: RecordingState | null;
}

export const INITIAL_STATE: CallState = {
  phase: "connecting",
  peers: [],
  tracks: [],
  activeSpeaker: null,
  locked: false,
  lobby: [],
  local: {},
  clock: NO_CLOCK,
  notices: [],
  privileged: false,
  mustRecord: false,
  recording: null,
};
