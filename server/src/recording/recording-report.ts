/** Why a recording file ended. */
export type SegmentEndReason =
  | "stopped" // a moderator stopped the recording
  | "producer_paused" // the participant muted / turned the camera off: a new file starts on resume
  | "producer_closed" // the track ended (left, replaced, reconnected)
  | "writer_died" // the writer process was killed or crashed: the file is partial, a new one follows
  | "storage_full" // the disk reached its free-space floor
  | "room_closed"
  | "node_died" // the node was killed while writing: its next start reported the file (open-file-notes.ts)
  | "privileged"; // the room turned out to be privileged: nothing more may be recorded

/**
 * What the node knows about one closed recording file: enough to find it, prove it unaltered
 * (SHA-256) and line it up with the room's other tracks at playback (first packet wall-clock
 * time, the RTP↔NTP pairs of the sender reports). Written next to the file as `<file>.json` and
 * reported to the portal.
 */
export interface RecordingFileReport {
  room: string;
  roomKind: string;
  identity: string;
  name: string;
  source: string;
  kind: "audio" | "video";
  producerId: string;
  /** 1, 2, … per track: a writer death or a pause starts the next file. */
  sequence: number;
  /** Path relative to RECORDINGS_DIR. */
  file: string;
  codec: string;
  clockRate: number;
  sizeBytes: number;
  sha256: string;
  /** Wall-clock time the first RTP packet was sent to the writer (null: none ever was). */
  firstPacketAt: string | null;
  firstRtpTimestamp: number | null;
  endedAt: string;
  durationMs: number;
  endReason: SegmentEndReason;
  /** The stretch of this track not recorded just before this file (its writer died), if any. */
  gap: { from: string; to: string | null } | null;
  /**
   * RTP↔NTP pairs of the worker's sender reports for this file (all of the first minute's, then
   * one per 10 s), with the wall-clock time (Unix ms) each arrived; the tracks of one machine share
   * the NTP clock (mediasoup's monotonic clock).
   */
  senderReports: Array<{ ntpMs: number; rtpTimestamp: number; receivedAt: number }>;
}
