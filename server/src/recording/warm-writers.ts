import { randomBytes } from "node:crypto";
import { mkdir, unlink } from "node:fs/promises";
import path from "node:path";
import type { types } from "mediasoup";
import type { Logger } from "../observability/logger.ts";
import { freeUdpPort } from "./free-udp-port.ts";
import { fileExtension, type TrackCodec } from "./writer-command.ts";
import { WriterProcess } from "./writer-process.ts";

/**
 * Writers started before there is anything to write (issue 10: a cheaper recorder start). A room
 * that must be recorded (a visit, a 帮教 session) gets them when its first token enters — before
 * the lobby admits anyone — so when a track appears its consumer goes to a writer that already
 * listens: the track is recorded from its first keyframe instead of from whenever gst-launch is
 * up (hundreds of ms to seconds on a busy node, and a browser's next keyframe may be seconds
 * later). Each waits on its own port, writing a hidden file that becomes the track's file when
 * it is taken (renamed; the open file is the same) and is removed if it never is.
 */
export class WarmWriters {
  private readonly ready = new Map<string, WriterProcess[]>();
  private readonly starting = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly roomDir: string,
    private readonly logger: Logger,
    /** RECORDINGS_DIR, for the writers' pid files. */
    private readonly recordingsDir: string,
  ) {}

  /** How many wait now (all codecs). */
  get count(): number {
    let n = 0;
    for (const list of this.ready.values()) n += list.length;
    return n;
  }

  /** Their processes (tests: which writer a track got). */
  get pids(): number[] {
    return [...this.ready.values()].flat().map((writer) => writer.pid!);
  }

  /** Starts writers for `codec` until `count` wait (or are starting). Failures are logged: a track then starts its own. */
  async fill(codec: TrackCodec, count: number): Promise<void> {
    const key = codecKey(codec);
    const missing = count - (this.ready.get(key)?.length ?? 0) - (this.starting.get(key) ?? 0);
    if (missing <= 0 || this.closed) return;
    this.starting.set(key, (this.starting.get(key) ?? 0) + missing);
    await mkdir(this.roomDir, { recursive: true }).catch(() => {});
    await Promise.all(
      Array.from({ length: missing }, async () => {
        let writer: WriterProcess | undefined;
        try {
          writer = new WriterProcess(codec, await freeUdpPort(), path.join(this.roomDir, `.warm-${randomBytes(6).toString("hex")}.${fileExtension(codec)}`), {
            recordingsDir: this.recordingsDir,
          });
          await writer.start();
          if (this.closed) throw new Error("closed");
          const list = this.ready.get(key) ?? [];
          list.push(writer);
          this.ready.set(key, list);
          const ready = writer;
          ready.once("died", () => {
            this.remove(key, ready);
            void unlink(ready.path).catch(() => {});
          });
        } catch (error) {
          if (writer) this.discard(writer);
          if (!this.closed) this.logger.warn({ err: String(error), codec: codec.mimeType }, "a recording writer could not be prepared");
        } finally {
          this.starting.set(key, (this.starting.get(key) ?? 1) - 1);
        }
      }),
    );
  }

  /** A listening writer for `codec`, now the caller's; undefined when none waits. */
  take(codec: TrackCodec): WriterProcess | undefined {
    const list = this.ready.get(codecKey(codec));
    const writer = list?.shift();
    writer?.removeAllListeners("died");
    return writer;
  }

  /** Every waiting writer ends and its empty file goes. */
  close(): void {
    this.closed = true;
    for (const list of this.ready.values()) for (const writer of list.splice(0)) this.discard(writer);
  }

  private remove(key: string, writer: WriterProcess): void {
    const list = this.ready.get(key);
    const index = list?.indexOf(writer) ?? -1;
    if (index >= 0) list!.splice(index, 1);
  }

  private discard(writer: WriterProcess): void {
    writer.removeAllListeners("died");
    writer.kill();
    // Unlinked after the kill: the file is empty (nothing was ever sent), never evidence.
    setTimeout(() => void unlink(writer.path).catch(() => {}), 200).unref();
  }
}

function codecKey(codec: TrackCodec): string {
  return `${codec.mimeType.toLowerCase()}/${codec.payloadType}/${codec.clockRate}/${codec.channels ?? 0}`;
}

/**
 * The codecs a consumer of this router will have: the router's preferred payload type for each
 * (what mediasoup gives a consumer). The first video codec (VP8 here) and Opus.
 */
export function expectedCodecs(capabilities: types.RtpCapabilities): TrackCodec[] {
  const codecs: TrackCodec[] = [];
  const video = capabilities.codecs?.find((c) => c.kind === "video" && !/\/rtx$/i.test(c.mimeType));
  const audio = capabilities.codecs?.find((c) => c.kind === "audio" && /\/opus$/i.test(c.mimeType));
  for (const c of [video, audio]) {
    if (c?.preferredPayloadType !== undefined) codecs.push({ mimeType: c.mimeType, payloadType: c.preferredPayloadType, clockRate: c.clockRate, channels: c.channels });
  }
  return codecs;
}
