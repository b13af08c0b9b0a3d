import client from "prom-client";
import type { Logger } from "../observability/logger.ts";
import type { OutboxEvent, PortalRefusal, ReportOutbox } from "../recording/report-outbox.ts";
import { newEventId } from "./event-id.ts";

export type MediaEvent =
  | { type: "peer.joined"; room: string; identity: string; name: string; role: string; at: string }
  | { type: "peer.left"; room: string; identity: string; reason: string; at: string }
  /** `note` and `by`: a moderator's termination (its required reason, who); never shown to participants. */
  | { type: "room.closed"; room: string; reason: string; note?: string; by?: string; at: string }
  /** A monitor's notice (a warning in the visit record): preset code or null, its text, who sent it. */
  | { type: "room.notice"; room: string; identity: string; preset: string | null; text: string; at: string }
  | { type: "recording.storage_full"; room: string; freeBytes: number; at: string }
  | RecordingClosedEvent;

/** A recording file closed (server/src/recording/recording-report.ts); `at` is when it ended. */
export interface RecordingClosedEvent {
  type: "recording.closed";
  room: string;
  at: string;
  identity: string;
  name: string;
  source: string;
  kind: "audio" | "video";
  file: string;
  codec: string;
  sequence: number;
  sizeBytes: number;
  sha256: string;
  firstPacketAt: string | null;
  durationMs: number;
  endReason: string;
  gap: { from: string; to: string | null } | null;
  sync: Array<{ ntpMs: number; rtpTimestamp: number; receivedAt: number }>;
  /** The RTP clock and the file's first RTP timestamp: with `sync`, where the file's time 0 is. */
  clockRate: number;
  firstRtpTimestamp: number | null;
}

const MAX_QUEUE = 10_000;
/** Retries back off to this: a portal that is back is heard from within it. */
const MAX_RETRY_DELAY_MS = 10_000;
/** A batch: at most this many events (the portal's schema) and about this many bytes of JSON. */
const MAX_BATCH_EVENTS = 100;
const MAX_BATCH_BYTES = 256 * 1024;
/**
 * 4xx answers that say nothing about the events — a wrong secret, a proxy without the route, a
 * timeout, a rate limit — are retried like a portal that is down (fixing the configuration
 * delivers everything). Any other 4xx is the portal refusing what was sent.
 */
const RETRIED_4XX = new Set([401, 403, 404, 408, 425, 429]);

/**
 * An event for a room the portal does not know (yet) is sent again this many times, this long
 * apart, before it is set aside: a roll call's console joins its room on this node the moment the
 * officer clicks 开始点名, while the portal is still committing the open that creates the room
 * (issue 14), so the officer's `peer.joined` can arrive a few hundred milliseconds early.
 */
const UNKNOWN_ROOM_RETRIES = 3;
const UNKNOWN_ROOM_RETRY_MS = 1000;

type Queued = { key: string; event: OutboxEvent; bytes: number; written: Promise<void>; unknownRoomTries?: number };

export interface ReporterMetrics {
  dead: client.Counter;
}

/**
 * Reports what happens in rooms to the portal's internal API, in order, retrying with backoff
 * while the portal is unreachable: a join time must not be lost because the portal restarted.
 * Each event gets its id here, when it happens (event-id.ts), and is written to the outbox on the
 * node's disk (recording/report-outbox.ts) before it is sent, so a node that stops or crashes
 * before the portal answers sends it at its next start; the portal stores an id once.
 *
 * An event the portal refuses (4xx for the event itself: bad input; or skipped: unknown room) is
 * moved to the outbox's dead letters with the answer, logged and counted
 * (`media_portal_events_dead_total`), and the queue goes on. A refused batch of several is sent
 * again one event at a time, so only the refused event is set aside.
 */
export class PortalReporter {
  private queue: Queued[] = [];
  private sending = false;
  private closed = false;
  /** The last send failed and the reporter waits to retry: the portal is not answering. */
  private backingOff = false;
  private delayMs = 500;
  private wake: (() => void) | undefined;
  /** After a refused batch: how many of the next events go one at a time. */
  private isolating = 0;
  /** Outbox writes not finished yet: waited for when the node stops. */
  private readonly writes = new Set<Promise<void>>();
  /** Events for a room the portal did not know yet, waiting to be sent again (UNKNOWN_ROOM_RETRIES). */
  private readonly later = new Set<Queued>();
  private metrics: ReporterMetrics | undefined;

  constructor(
    private readonly target: { url: string; secret: string } | null,
    private readonly nodeId: string,
    private readonly logger: Logger,
    private readonly outbox?: ReportOutbox,
  ) {}

  /** Whether reports go anywhere (a node without PORTAL_URL keeps them to itself). */
  get enabled(): boolean {
    return this.target !== null;
  }

  /** Counts dead letters and shows the queue's length in the node's /metrics. */
  instrument(registry: client.Registry): void {
    const reporter = this;
    this.metrics = {
      dead: new client.Counter({ name: "media_portal_events_dead_total", help: "Events the portal refused, set aside in RECORDINGS_DIR/.outbox/dead", labelNames: ["type"], registers: [registry] }),
    };
    new client.Gauge({
      name: "media_portal_events_pending",
      help: "Events waiting for the portal to acknowledge them",
      registers: [registry],
      collect() {
        this.set(reporter.pending);
      },
    });
  }

  /**
   * What an earlier run of the node left in the outbox, queued ahead of anything new. Call once,
   * at start, before the node reports anything.
   */
  async resume(): Promise<number> {
    if (!this.target || !this.outbox) return 0;
    const queued = new Set(this.queue.map((q) => q.key));
    const left = (await this.outbox.pending()).filter((entry) => !queued.has(entry.key));
    this.queue.unshift(
      ...left.map(({ key, event }) => {
        const full = { ...event, node: event.node ?? this.nodeId };
        return { key, event: full, bytes: JSON.stringify(full).length, written: Promise.resolve() };
      }),
    );
    if (left.length > 0) {
      this.logger.info({ events: left.length }, "resending events the portal had not acknowledged");
      void this.flush();
    }
    return left.length;
  }

  /** Queues an event: given its id, kept on disk, then sent in order. */
  report(event: MediaEvent): void {
    if (!this.target || this.closed) return;
    const id = newEventId();
    const full: OutboxEvent = { ...event, id, node: this.nodeId };
    let written = Promise.resolve();
    if (this.outbox) {
      written = this.outbox.put(id, full).catch((error) => {
        // Still sent from memory; only a restart before delivery could lose it now, and the log says so.
        this.logger.error({ err: String(error), type: event.type, room: event.room }, "could not keep an event for the portal on disk");
      });
      this.writes.add(written);
      void written.finally(() => this.writes.delete(written));
    }
    if (this.queue.length >= MAX_QUEUE) {
      // The outbox still has it: the node's next start sends it.
      this.logger.error({ dropped: this.queue.shift()?.event }, "portal report queue full; the oldest event waits on disk for the next start");
    }
    this.queue.push({ key: id, event: full, bytes: JSON.stringify(full).length, written });
    void this.flush();
  }

  get pending(): number {
    return this.queue.length + this.later.size;
  }

  /**
   * The node stops: what is queued gets `graceMs` to reach a portal that answers, then the
   * reporter stops retrying; what was not delivered stays in the outbox for the next start.
   */
  async close(graceMs = 2000): Promise<void> {
    const deadline = Date.now() + graceMs;
    while (this.pending > 0 && !this.backingOff && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    this.closed = true;
    this.wake?.();
    await Promise.all([...this.writes]);
  }

  private nextBatch(): Queued[] {
    if (this.isolating > 0) return this.queue.slice(0, 1);
    const batch: Queued[] = [];
    let bytes = 0;
    for (const queued of this.queue) {
      if (batch.length >= MAX_BATCH_EVENTS || (batch.length > 0 && bytes + queued.bytes > MAX_BATCH_BYTES)) break;
      batch.push(queued);
      bytes += queued.bytes;
    }
    return batch;
  }

  private async flush(): Promise<void> {
    if (this.sending || !this.target) return;
    this.sending = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const batch = this.nextBatch();
        try {
          const response = await fetch(new URL("/api/internal/media-events", this.target.url), {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${this.target.secret}` },
            body: JSON.stringify({ events: batch.map((queued) => queued.event) }),
            signal: AbortSignal.timeout(5000),
          });
          if (response.ok) {
            const answer = (await response.json().catch(() => ({}))) as { skipped?: Array<{ index: number; reason: string }> };
            this.settle(batch, answer.skipped ?? []);
            this.delayMs = 500;
            continue;
          }
          if (response.status >= 400 && response.status < 500 && !RETRIED_4XX.has(response.status)) {
            const refusal = { status: response.status, answer: await readAnswer(response) };
            if (batch.length > 1) {
              this.logger.warn({ events: batch.length, refusal }, "the portal refused a batch of events; sending them one at a time to set aside only the refused one");
              this.isolating = batch.length;
            } else {
              this.isolating = Math.max(0, this.isolating - 1);
              this.setAside(batch[0]!, refusal);
            }
            continue;
          }
          throw new Error(`portal answered ${response.status}`);
        } catch (error) {
          this.logger.warn({ err: String(error), pending: this.queue.length, retryInMs: this.delayMs }, "portal report failed; will retry");
          this.backingOff = true;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.delayMs);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wake = undefined;
          this.backingOff = false;
          this.delayMs = Math.min(this.delayMs * 2, MAX_RETRY_DELAY_MS);
        }
      }
    } finally {
      this.sending = false;
    }
  }

  /** The portal answered 200: what it stored is forgotten, what it skipped is set aside. */
  private settle(batch: Queued[], skipped: Array<{ index: number; reason: string }>): void {
    const skippedAt = new Map(skipped.map((s) => [s.index, s.reason]));
    const sent = new Set(batch);
    this.queue = this.queue.filter((queued) => !sent.has(queued));
    this.isolating = Math.max(0, this.isolating - batch.length);
    for (const [index, queued] of batch.entries()) {
      const reason = skippedAt.get(index);
      if (reason === "unknown_room" && (queued.unknownRoomTries ?? 0) < UNKNOWN_ROOM_RETRIES) this.sendLater(queued);
      else if (reason !== undefined) this.setAside(queued, { status: 200, answer: { skipped: reason } }, false);
      else if (this.outbox) void queued.written.then(() => this.outbox!.done(queued.key));
    }
  }

  /** Out of the queue for a moment (the outbox still has it: a stop meanwhile resends it at the next start). */
  private sendLater(queued: Queued): void {
    queued.unknownRoomTries = (queued.unknownRoomTries ?? 0) + 1;
    this.later.add(queued);
    const timer = setTimeout(() => {
      this.later.delete(queued);
      if (this.closed) return;
      this.queue.push(queued);
      void this.flush();
    }, UNKNOWN_ROOM_RETRY_MS);
    timer.unref?.();
  }

  private setAside(queued: Queued, refusal: PortalRefusal, dequeue = true): void {
    if (dequeue) this.queue = this.queue.filter((q) => q !== queued);
    this.metrics?.dead.inc({ type: queued.event.type });
    this.logger.error({ event: queued.event, refusal, deadLetter: this.outbox ? `${this.outbox.deadDir}/${queued.key}.json` : null }, "the portal refused an event; set aside, the queue goes on");
    if (this.outbox) {
      const outbox = this.outbox;
      const moving = queued.written
        .then(() => outbox.dead(queued.key, queued.event, refusal))
        .catch((error) => this.logger.error({ err: String(error), key: queued.key }, "could not move a refused event to the dead letters; it stays in the outbox"));
      this.writes.add(moving);
      void moving.finally(() => this.writes.delete(moving));
    }
  }
}

async function readAnswer(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => "");
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 2000);
  }
}
