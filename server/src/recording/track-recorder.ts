import dgram from "node:dgram";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { types } from "mediasoup";
import type { Logger } from "../observability/logger.ts";
import { fileDigest } from "./file-digest.ts";
import { freeUdpPort } from "./free-udp-port.ts";
import { removeOpenNote, writeOpenNote } from "./open-file-notes.ts";
import type { RecordingFileReport, SegmentEndReason } from "./recording-report.ts";
import { parseSenderReports } from "./sender-report.ts";
import { fileExtension, type TrackCodec } from "./writer-command.ts";
import { WriterProcess } from "./writer-process.ts";

export interface TrackContext {
  router: types.Router;
  producer: types.Producer;
  room: string;
  roomKind: string;
  identity: string;
  name: string;
  source: string;
  /** RECORDINGS_DIR */
  dir: string;
  logger: Logger;
  onFileClosed: (report: RecordingFileReport) => void;
  /** The writer cannot be (re)started: the track is not being recorded. */
  onFailed: (reason: string) => void;
  onWriterDied: () => void;
  /** A writer already listening for this codec (warm-writers.ts), if one waits. */
  takeWriter?: (codec: TrackCodec) => WriterProcess | undefined;
}

/** One file of a track: its writer, and the paused-then-resumed consumer that feeds it. */
interface Segment {
  sequence: number;
  file: string;
  codec: TrackCodec;
  transport: types.PlainTransport;
  consumer: types.Consumer;
  writer: WriterProcess;
  rtcp: dgram.Socket;
  firstPacketAt: number | null;
  firstRtpTimestamp: number | null;
  senderReports: Array<{ ntpMs: number; rtpTimestamp: number; receivedAt: number }>;
  gap: { from: number; to: number | null } | null;
  keyframeTimer: NodeJS.Timeout | undefined;
  keyframeInterval: NodeJS.Timeout | undefined;
  keyframeSeen: boolean;
  startedAt: number;
  /** The next update of the file's open note (open-file-notes.ts), when one is due. */
  noteTimer: NodeJS.Timeout | undefined;
}

/** How often the open note takes in the sender reports that arrived since. */
const NOTE_EVERY_MS = 5000;

/**
 * Sender reports come about once a second. Playback places a file by the least delayed report of
 * its first minute (web/lib/recordings/track-alignment.ts), so all of those are kept; after it,
 * one per 10 s is enough to see drift.
 */
const SENDER_REPORTS_ALL_MS = 60_000;
const SENDER_REPORT_EVERY_MS = 10_000;
const MAX_SENDER_REPORTS = 2000;
const KEYFRAME_RETRY_MS = 1000;
/**
 * Once the file has its first keyframe, one more this often: a browser sends keyframes only when
 * asked, so without these a 2-minute file had its last keyframe 2 s in, and every seek (the
 * playback page's, an investigator's player) decoded from the start. Also heals a damaged stretch.
 */
export const RECORDING_KEYFRAME_INTERVAL_MS = 5000;
const RESTART_DELAYS_MS = [0, 500, 1000, 2000];
/** A writer that dies this soon after starting, this many times in a row, will not do better. */
const QUICK_DEATH_MS = 5000;
const MAX_QUICK_DEATHS = 3;

/**
 * Records one producer, file after file: a file ends when the producer pauses, closes, or the
 * writer dies; a resume or a writer death starts the next file. Operations run one at a time.
 */
export class TrackRecorder {
  private segment: Segment | undefined;
  private sequence = 0;
  private ended = false;
  private paused: boolean;
  private quickDeaths = 0;
  private ops: Promise<void> = Promise.resolve();
  private readonly logger: Logger;

  constructor(private readonly ctx: TrackContext) {
    this.logger = ctx.logger.child({ recording: ctx.producer.id, source: ctx.source });
    this.paused = ctx.producer.paused;
    const { producer } = ctx;
    producer.observer.on("pause", () => {
      this.paused = true;
      this.enqueue(() => this.closeSegment("producer_paused"));
    });
    producer.observer.on("resume", () => {
      this.paused = false;
      this.enqueue(() => this.openSegmentWithRetries(null));
    });
    producer.observer.on("close", () => void this.stop("producer_closed"));
  }

  get producerId(): string {
    return this.ctx.producer.id;
  }

  get writerPid(): number | undefined {
    return this.segment?.writer.pid;
  }

  get isWriting(): boolean {
    return this.segment !== undefined;
  }

  /** Resolves once the first file's writer listens (or the track is paused: nothing to write yet). */
  start(): Promise<void> {
    return this.enqueue(() => (this.paused ? Promise.resolve() : this.openSegmentWithRetries(null)));
  }

  /** Ends the current file cleanly; nothing more is recorded for this producer. */
  stop(reason: SegmentEndReason): Promise<void> {
    if (this.ended) return this.ops;
    this.ended = true;
    return this.enqueue(() => this.closeSegment(reason));
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    const next = this.ops.then(op).catch((error) => this.logger.error({ err: String(error) }, "recording operation failed"));
    this.ops = next;
    return next;
  }

  private async openSegmentWithRetries(gapFrom: number | null): Promise<void> {
    for (const delay of RESTART_DELAYS_MS) {
      if (this.ended || this.paused || this.ctx.producer.closed) return;
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      try {
        await this.openSegment(gapFrom);
        return;
      } catch (error) {
        this.logger.warn({ err: String(error) }, "could not start a recording file");
      }
    }
    this.ctx.onFailed("writer_failed");
  }

  private async openSegment(gapFrom: number | null): Promise<void> {
    const { router, producer, dir } = this.ctx;
    const transport = await router.createPlainTransport({ listenIp: { ip: "127.0.0.1" }, rtcpMux: false, comedia: false });
    let rtcp: dgram.Socket | undefined;
    let writer: WriterProcess | undefined;
    let installed: Segment | undefined;
    try {
      // Paused until the writer listens: the keyframe it is sent first must not be lost.
      const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, paused: true, appData: { recording: true } });
      const media = consumer.rtpParameters.codecs[0]!;
      const codec: TrackCodec = { mimeType: media.mimeType, payloadType: media.payloadType, clockRate: media.clockRate, channels: media.channels };
      const sequence = ++this.sequence;
      const file = path.join(safeName(this.ctx.room), `${fileStamp(new Date())}_${safeName(this.ctx.identity)}_${this.ctx.source}_${producer.id.slice(0, 8)}_${sequence}.${fileExtension(codec)}`);
      await mkdir(path.join(dir, path.dirname(file)), { recursive: true });
      rtcp = await bindRtcpSocket();
      const warm = this.ctx.takeWriter?.(codec);
      if (warm) {
        writer = warm;
        await warm.moveTo(path.join(dir, file));
      } else {
        writer = new WriterProcess(codec, await freeUdpPort(), path.join(dir, file), { recordingsDir: dir });
        await writer.start();
      }
      await transport.connect({ ip: "127.0.0.1", port: writer.port, rtcpPort: rtcp.address().port });
      const segment: Segment = {
        sequence,
        file,
        codec,
        transport,
        consumer,
        writer,
        rtcp,
        firstPacketAt: null,
        firstRtpTimestamp: null,
        senderReports: [],
        gap: gapFrom === null ? null : { from: gapFrom, to: null },
        keyframeTimer: undefined,
        keyframeInterval: undefined,
        keyframeSeen: consumer.kind === "audio",
        startedAt: Date.now(),
        noteTimer: undefined,
      };
      this.watch(segment);
      this.segment = installed = segment;
      // Before a packet goes in: a node killed from now on leaves a file the next start reports.
      await this.saveNote(segment);
      await consumer.resume();
      if (consumer.kind === "video") this.requestKeyFrame(segment);
      this.logger.info({ file, pid: writer.pid, codec: codec.mimeType, warm: warm !== undefined }, "recording file started");
    } catch (error) {
      writer?.kill();
      rtcp?.close();
      transport.close();
      // Failed after the segment was installed (the producer closed while its consumer was being
      // resumed): nothing went into the file, and no later close may close these a second time.
      if (installed && this.segment === installed) {
        this.segment = undefined;
        clearTimeout(installed.keyframeTimer);
        clearInterval(installed.keyframeInterval);
        clearTimeout(installed.noteTimer);
        const fullPath = path.join(this.ctx.dir, installed.file);
        await removeOpenNote(fullPath).catch(() => {});
        await rm(fullPath, { force: true }).catch(() => {});
      }
      throw error;
    }
  }

  private watch(segment: Segment): void {
    const { consumer, writer, rtcp } = segment;
    // The first packet's wall-clock time: trace every packet until one is seen, then only keyframes.
    // The consumer may close before the worker answers (its producer went): nothing to trace then.
    void consumer.enableTraceEvent(["rtp", "keyframe"]).catch(() => {});
    consumer.on("trace", (trace) => {
      if (trace.type === "keyframe") segment.keyframeSeen = true;
      if (segment.firstPacketAt === null && (trace.type === "rtp" || trace.type === "keyframe")) {
        segment.firstPacketAt = Date.now();
        const info = trace.info as { rtpPacket?: { timestamp?: number }; timestamp?: number } | undefined;
        segment.firstRtpTimestamp = info?.rtpPacket?.timestamp ?? info?.timestamp ?? null;
        if (segment.gap) segment.gap.to = segment.firstPacketAt;
        void consumer.enableTraceEvent(["keyframe"]).catch(() => {});
        void this.saveNote(segment);
      }
    });
    rtcp.on("message", (packet) => {
      for (const report of parseSenderReports(packet)) {
        const last = segment.senderReports.at(-1);
        if (segment.senderReports.length >= MAX_SENDER_REPORTS) break;
        const first = segment.senderReports[0];
        const keepAll = !first || report.ntpMs - first.ntpMs < SENDER_REPORTS_ALL_MS;
        if (!last || keepAll || report.ntpMs - last.ntpMs >= SENDER_REPORT_EVERY_MS) {
          segment.senderReports.push({ ntpMs: report.ntpMs, rtpTimestamp: report.rtpTimestamp, receivedAt: Date.now() });
          segment.noteTimer ??= setTimeout(() => {
            segment.noteTimer = undefined;
            void this.saveNote(segment);
          }, NOTE_EVERY_MS);
        }
      }
    });
    writer.on("line", (line) => {
      this.logger.debug({ line }, "writer says");
      // The muxer cannot start without the codec's parameters, which only a keyframe carries.
      if (consumer.kind === "video" && /key ?frame|codec|not-negotiated|caps/i.test(line)) void consumer.requestKeyFrame().catch(() => {});
    });
    writer.on("died", (code, signal) => {
      if (this.segment !== segment) return;
      const diedAt = Date.now();
      this.logger.warn({ code, signal, file: segment.file }, "recording writer died; starting a new file");
      this.ctx.onWriterDied();
      this.quickDeaths = diedAt - segment.startedAt < QUICK_DEATH_MS ? this.quickDeaths + 1 : 0;
      this.enqueue(async () => {
        await this.closeSegment("writer_died", diedAt);
        if (this.quickDeaths >= MAX_QUICK_DEATHS) {
          this.logger.error({ deaths: this.quickDeaths }, "the recording writer keeps dying at once; giving up on this track");
          this.ended = true;
          this.ctx.onFailed("writer_failed");
          return;
        }
        if (!this.ended && !this.paused) await this.openSegmentWithRetries(diedAt);
      });
    });
  }

  /** Asks for a keyframe until one has gone to the writer (without one, video cannot start), then every few seconds. */
  private requestKeyFrame(segment: Segment): void {
    if (this.segment !== segment) return;
    if (segment.keyframeSeen) {
      segment.keyframeInterval ??= setInterval(() => void segment.consumer.requestKeyFrame().catch(() => {}), RECORDING_KEYFRAME_INTERVAL_MS);
      return;
    }
    void segment.consumer.requestKeyFrame().catch(() => {});
    segment.keyframeTimer = setTimeout(() => this.requestKeyFrame(segment), KEYFRAME_RETRY_MS);
  }

  private async closeSegment(reason: SegmentEndReason, endedAt = Date.now()): Promise<void> {
    const segment = this.segment;
    if (!segment) return;
    this.segment = undefined;
    clearTimeout(segment.keyframeTimer);
    clearInterval(segment.keyframeInterval);
    clearTimeout(segment.noteTimer);
    segment.consumer.close();
    segment.transport.close();
    if (reason !== "writer_died") {
      // What is in flight on loopback arrives within a few ms; then end-of-stream.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await segment.writer.stop();
      endedAt = Date.now();
    }
    segment.rtcp.close();
    const fullPath = path.join(this.ctx.dir, segment.file);
    const digest = await fileDigest(fullPath).catch(() => ({ sizeBytes: 0, sha256: "" }));
    const report: RecordingFileReport = {
      ...this.known(segment),
      ...digest,
      endedAt: new Date(endedAt).toISOString(),
      durationMs: segment.firstPacketAt === null ? 0 : Math.max(0, endedAt - segment.firstPacketAt),
      endReason: reason,
    };
    // Beside the file, so the evidence describes itself even if the portal never hears of it.
    await writeFile(`${fullPath}.json`, `${JSON.stringify(report, null, 2)}\n`).catch((error) =>
      this.logger.error({ err: String(error), file: segment.file }, "could not write the recording's description"),
    );
    await removeOpenNote(fullPath);
    this.logger.info({ file: segment.file, reason, sizeBytes: digest.sizeBytes }, "recording file closed");
    this.ctx.onFileClosed(report);
  }

  /** What is known of a file from its start on (the report without size, hash and end). */
  private known(segment: Segment) {
    return {
      room: this.ctx.room,
      roomKind: this.ctx.roomKind,
      identity: this.ctx.identity,
      name: this.ctx.name,
      source: this.ctx.source,
      kind: segment.consumer.kind,
      producerId: this.ctx.producer.id,
      sequence: segment.sequence,
      file: segment.file,
      codec: segment.codec.mimeType,
      clockRate: segment.codec.clockRate,
      firstPacketAt: segment.firstPacketAt === null ? null : new Date(segment.firstPacketAt).toISOString(),
      firstRtpTimestamp: segment.firstRtpTimestamp,
      gap: segment.gap && { from: new Date(segment.gap.from).toISOString(), to: segment.gap.to === null ? null : new Date(segment.gap.to).toISOString() },
      senderReports: [...segment.senderReports],
    };
  }

  /** The file's open note (open-file-notes.ts), while it is this track's current file. */
  private async saveNote(segment: Segment): Promise<void> {
    if (this.segment !== segment) return;
    await writeOpenNote(path.join(this.ctx.dir, segment.file), this.known(segment)).catch((error) =>
      this.logger.warn({ err: String(error), file: segment.file }, "could not write the recording's open note"),
    );
  }
}

function bindRtcpSocket(): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket("udp4");
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => resolve(socket));
  });
}

/** Ids come from signed tokens, but a path is built from them: keep only harmless characters. */
export function safeName(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 80) || "_";
}

function fileStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}
