import { mkdir } from "node:fs/promises";
import client from "prom-client";
import type { Room } from "../media/room.ts";
import type { PeerChannel } from "../media/peer-channel.ts";
import type { Logger } from "../observability/logger.ts";
import type { JoinClaims } from "../protocol/join-token.ts";
import type { RecordingState } from "../protocol/recording.ts";
import { freeBytes } from "./free-space.ts";
import { recoverOpenFiles } from "./open-file-notes.ts";
import { stopLeftWriters } from "./writer-pid-files.ts";
import type { RecordingFileReport } from "./recording-report.ts";
import { policyFromClaims } from "./recording-policy.ts";
import { RoomRecording } from "./room-recording.ts";

export interface RecordingConfig {
  /** RECORDINGS_DIR: the node writes here, the portal reads. */
  dir: string;
  /** Below this many free bytes no recording starts, and running ones end cleanly. */
  minFreeBytes: number;
  /** How often the free space is checked while something records. */
  checkIntervalMs: number;
}

export interface RecordingManagerHooks {
  onFileClosed?: (report: RecordingFileReport) => void;
  /** Recordings stopped (or were refused) because the disk is at its floor. */
  onStorageFull?: (room: string, freeBytes: number) => void;
}

/** The node's recordings: one RoomRecording per room, the free-space watch and the metrics. */
export class RecordingManager {
  private readonly rooms = new Map<Room, RoomRecording>();
  private readonly timer: NodeJS.Timeout;
  readonly writerDeaths: client.Counter;
  readonly filesClosed: client.Counter;
  readonly refusals: client.Counter;
  readonly leftWritersStopped: client.Counter;

  constructor(
    readonly config: RecordingConfig,
    private readonly logger: Logger,
    registry: client.Registry,
    private readonly hooks: RecordingManagerHooks = {},
  ) {
    this.writerDeaths = new client.Counter({ name: "media_recording_writer_deaths_total", help: "Recording writers that died (a new file followed)", registers: [registry] });
    this.filesClosed = new client.Counter({ name: "media_recording_files_total", help: "Recording files closed", labelNames: ["reason"], registers: [registry] });
    this.leftWritersStopped = new client.Counter({
      name: "media_recording_left_writers_stopped_total",
      help: "Writers an earlier node of this RECORDINGS_DIR left running, stopped at start",
      registers: [registry],
    });
    this.refusals = new client.Counter({ name: "media_recording_refusals_total", help: "Recordings refused or stopped, by reason", labelNames: ["reason"], registers: [registry] });
    const manager = this;
    new client.Gauge({
      name: "media_recording_tracks",
      help: "Tracks being written to a recording file now",
      registers: [registry],
      collect() {
        let writing = 0;
        for (const recording of manager.rooms.values()) for (const track of recording.trackRecorders()) if (track.isWriting) writing++;
        this.set(writing);
      },
    });
    new client.Gauge({
      name: "media_recording_free_bytes",
      help: "Free bytes on the recordings disk",
      registers: [registry],
      async collect() {
        const free = await freeBytes(config.dir).catch(() => null);
        if (free !== null) this.set(free);
      },
    });
    new client.Gauge({
      name: "media_recording_storage_low",
      help: "1 when the recordings disk is below its free-space floor (recordings refused)",
      registers: [registry],
      async collect() {
        const free = await freeBytes(config.dir).catch(() => 0);
        this.set(free < config.minFreeBytes ? 1 : 0);
      },
    });
    this.timer = setInterval(() => void this.checkStorage(), config.checkIntervalMs);
    this.timer.unref();
  }

  static async create(config: RecordingConfig, logger: Logger, registry: client.Registry, hooks?: RecordingManagerHooks): Promise<RecordingManager> {
    await mkdir(config.dir, { recursive: true });
    // Writers a killed node of this folder left running hold ports and files: stopped first.
    const stopped = await stopLeftWriters(config.dir, logger);
    const manager = new RecordingManager(config, logger, registry, hooks);
    manager.leftWritersStopped.inc(stopped);
    // Their files, now finished, and any other a killed node left open: reported like any other.
    for (const report of await recoverOpenFiles(config.dir, logger)) {
      manager.filesClosed.inc({ reason: report.endReason });
      hooks?.onFileClosed?.(report);
    }
    return manager;
  }

  /** Someone joined: their token may make the policy stricter; they are told the current state. */
  async noteJoin(room: Room, claims: JoinClaims, channel: PeerChannel): Promise<void> {
    const recording = this.of(room);
    await recording.applyPolicy(policyFromClaims(claims));
    channel.notify("recordingState", recording.state);
  }

  of(room: Room): RoomRecording {
    let recording = this.rooms.get(room);
    if (!recording) {
      recording = new RoomRecording(room, {
        dir: this.config.dir,
        logger: this.logger,
        storageRefusal: () => this.storageRefusal(room.id),
        onFileClosed: (report) => {
          this.filesClosed.inc({ reason: report.endReason });
          this.hooks.onFileClosed?.(report);
        },
        onWriterDied: () => this.writerDeaths.inc(),
        onStateChanged: (r, state) => this.broadcast(r, state),
      });
      this.rooms.set(room, recording);
      room.once("closed", () => setTimeout(() => this.rooms.delete(room), 10_000).unref());
    }
    return recording;
  }

  /** Rooms being recorded now (issue 11 §1: the node's heartbeat to the portal). */
  runningCount(): number {
    let n = 0;
    for (const recording of this.rooms.values()) if (recording.isActive) n++;
    return n;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.rooms.values()].map((recording) => recording.stopForStorage().catch(() => {})));
  }

  private broadcast(room: Room, state: RecordingState): void {
    room.notifyAll("recordingState", state);
  }

  private async storageRefusal(room: string): Promise<string | null> {
    const free = await freeBytes(this.config.dir).catch(() => 0);
    if (free >= this.config.minFreeBytes) return null;
    this.refusals.inc({ reason: "storage_full" });
    this.logger.error({ room, free, floor: this.config.minFreeBytes }, "recording refused: the recordings disk is below its floor");
    this.hooks.onStorageFull?.(room, free);
    return "storage_full";
  }

  private async checkStorage(): Promise<void> {
    const active = [...this.rooms.values()].filter((recording) => recording.isActive);
    if (active.length === 0) return;
    const free = await freeBytes(this.config.dir).catch(() => null);
    if (free === null || free >= this.config.minFreeBytes) return;
    this.logger.error({ free, floor: this.config.minFreeBytes, rooms: active.length }, "recordings disk at its floor: stopping recordings");
    for (const recording of active) {
      this.refusals.inc({ reason: "storage_full" });
      this.hooks.onStorageFull?.(recording.room.id, free);
      await recording.stopForStorage();
    }
  }
}
