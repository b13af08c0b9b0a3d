import { forbidden, MediaError } from "../errors.ts";
import type { Logger } from "../observability/logger.ts";
import type { PeerProducer } from "../media/peer.ts";
import type { Peer } from "../media/peer.ts";
import type { Room } from "../media/room.ts";
import type { RecordingState } from "../protocol/recording.ts";
import type { RecordingFileReport, SegmentEndReason } from "./recording-report.ts";
import { mergePolicy, type RecordingPolicy } from "./recording-policy.ts";
import { safeName, TrackRecorder } from "./track-recorder.ts";
import { expectedCodecs, WarmWriters } from "./warm-writers.ts";
import path from "node:path";

/** A visit: two sides, each one camera and one microphone. */
const WARM_WRITERS_PER_CODEC = 2;

export interface RoomRecordingDeps {
  dir: string;
  logger: Logger;
  /** null when there is room to write; otherwise why not (e.g. "storage_full"). */
  storageRefusal: () => Promise<string | null>;
  onFileClosed: (report: RecordingFileReport) => void;
  onWriterDied: () => void;
  onStateChanged: (room: Room, state: RecordingState) => void;
}

/**
 * Whether a room is being recorded, and its tracks' recorders. The state everyone sees is set
 * here, from what the writers really do: a start that fails shows as failed, never as running.
 */
export class RoomRecording {
  private policy: RecordingPolicy = { required: false, forbidden: false };
  private active = false;
  private readonly tracks = new Map<string, TrackRecorder>();
  private current: RecordingState;
  private ops: Promise<unknown> = Promise.resolve();
  private readonly logger: Logger;
  /** Writers waiting for this room's tracks, while it must be recorded (warm-writers.ts). */
  private warm: WarmWriters | undefined;

  constructor(
    readonly room: Room,
    private readonly deps: RoomRecordingDeps,
  ) {
    this.logger = deps.logger.child({ room: room.id });
    this.current = this.snapshot("off", null);
    room.on("producerAdded", (peer, entry) => {
      if (this.active) void this.serial(async () => this.active && this.addTrack(peer, entry));
    });
    room.on("closed", () => void this.serial(() => this.stopTracks("room_closed")));
  }

  get state(): RecordingState {
    return this.current;
  }

  get isActive(): boolean {
    return this.active;
  }

  trackRecorders(): IterableIterator<TrackRecorder> {
    return this.tracks.values();
  }

  /** A token entered: the policy can only get stricter; a required room starts recording. */
  applyPolicy(next: RecordingPolicy): Promise<void> {
    return this.serial(async () => {
      const before = this.policy;
      this.policy = mergePolicy(this.policy, next);
      if (this.policy.forbidden && this.active) {
        this.active = false;
        await this.stopTracks("privileged");
        this.setState("off", "privileged");
      } else if (this.policy.required && !this.active && !this.room.isClosed) {
        await this.startNow().catch((error) => this.logger.error({ err: String(error) }, "a required recording could not start"));
        if (this.active) this.prepareWriters();
      } else if (before.required !== this.policy.required || before.forbidden !== this.policy.forbidden) {
        this.setState(this.current.state, this.current.reason);
      }
    });
  }

  start(): Promise<RecordingState> {
    return this.serial(async () => {
      if (!this.active) await this.startNow();
      return this.current;
    });
  }

  stop(): Promise<RecordingState> {
    return this.serial(async () => {
      if (this.policy.required) throw forbidden("This room must be recorded; its recording cannot be stopped");
      this.active = false;
      await this.stopTracks("stopped");
      this.setState("off", "stopped");
      return this.current;
    });
  }

  /** The disk reached its floor: every file ends cleanly, and the room shows the failure. */
  stopForStorage(): Promise<void> {
    return this.serial(async () => {
      if (!this.active) return;
      this.active = false;
      await this.stopTracks("storage_full");
      this.setState("failed", "storage_full");
    });
  }

  private async startNow(): Promise<void> {
    if (this.policy.forbidden) throw forbidden("This room is privileged and is never recorded");
    const refusal = await this.deps.storageRefusal();
    if (refusal) {
      this.setState(this.policy.required ? "failed" : "off", refusal);
      throw new MediaError("storage_full", "The recordings disk is nearly full; free space before recording");
    }
    this.active = true;
    this.setState("recording", null);
    // The writers start in the background (50 at once take seconds on a busy machine): the
    // moderator is answered now; a track whose writer cannot start turns the state to failed.
    for (const peer of this.room.allPeers()) for (const entry of peer.producers.values()) void this.addTrack(peer, entry);
  }

  private async addTrack(peer: Peer, entry: PeerProducer): Promise<void> {
    const { producer, source } = entry;
    if (this.tracks.has(producer.id) || producer.closed) return;
    const track = new TrackRecorder({
      router: this.room.mediaRouter,
      producer,
      room: this.room.id,
      roomKind: this.room.kind,
      identity: peer.id,
      name: peer.name,
      source,
      dir: this.deps.dir,
      logger: this.logger,
      onFileClosed: this.deps.onFileClosed,
      onWriterDied: this.deps.onWriterDied,
      takeWriter: (codec) => {
        const writer = this.warm?.take(codec);
        // One taken, one more started: a participant who comes back, or the other side, finds one too.
        if (writer) this.prepareWriters();
        return writer;
      },
      onFailed: (reason) => {
        this.logger.error({ producer: producer.id, reason }, "a track could not be recorded");
        if (this.active) this.setState("failed", reason);
      },
    });
    this.tracks.set(producer.id, track);
    producer.observer.once("close", () => {
      if (this.tracks.get(producer.id) === track) this.tracks.delete(producer.id);
    });
    await track.start();
  }

  private async stopTracks(reason: SegmentEndReason): Promise<void> {
    this.warm?.close();
    this.warm = undefined;
    const tracks = [...this.tracks.values()];
    this.tracks.clear();
    await Promise.all(tracks.map((track) => track.stop(reason)));
  }

  /**
   * Writers for the tracks a must-record room will have, started now, in the background: per
   * codec, as many as a visit's two sides publish (a camera and a microphone each).
   */
  private prepareWriters(): void {
    if (this.room.isClosed) return;
    this.warm ??= new WarmWriters(path.join(this.deps.dir, safeName(this.room.id)), this.logger, this.deps.dir);
    for (const codec of expectedCodecs(this.room.mediaRouter.rtpCapabilities)) void this.warm.fill(codec, WARM_WRITERS_PER_CODEC);
  }

  /** Writers waiting for this room's tracks now (their pids). */
  get warmWriters(): number[] {
    return this.warm?.pids ?? [];
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.ops.then(op);
    this.ops = next.catch(() => {});
    return next;
  }

  private setState(state: RecordingState["state"], reason: string | null): void {
    const changed = state !== this.current.state || reason !== this.current.reason;
    this.current = changed ? this.snapshot(state, reason) : { ...this.current, ...this.policyFlags() };
    this.deps.onStateChanged(this.room, this.current);
  }

  private snapshot(state: RecordingState["state"], reason: string | null): RecordingState {
    return { state, reason, ...this.policyFlags(), since: new Date().toISOString() };
  }

  private policyFlags() {
    return { required: this.policy.required, forbidden: this.policy.forbidden };
  }
}
