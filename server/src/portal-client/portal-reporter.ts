import type { Logger } from "../observability/logger.ts";

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

type Queued = { event: MediaEvent & { node: string }; onDelivered?: () => void };

/**
 * Reports what happens in rooms to the portal's internal API, in order, retrying with backoff
 * while the portal is unreachable: a join time must not be lost because the portal restarted.
 */
export class PortalReporter {
  private readonly queue: Queued[] = [];
  private sending = false;
  private closed = false;
  /** The last send failed and the reporter waits to retry: the portal is not answering. */
  private backingOff = false;
  private delayMs = 500;
  private wake: (() => void) | undefined;

  constructor(
    private readonly target: { url: string; secret: string } | null,
    private readonly nodeId: string,
    private readonly logger: Logger,
  ) {}

  /** Whether reports go anywhere (a node without PORTAL_URL keeps them to itself). */
  get enabled(): boolean {
    return this.target !== null;
  }

  /**
   * Queues an event; `onDelivered` runs once the portal has acknowledged it (a durable sender,
   * e.g. the recordings outbox, forgets its copy then).
   */
  report(event: MediaEvent, onDelivered?: () => void): void {
    if (!this.target || this.closed) return;
    if (this.queue.length >= MAX_QUEUE) {
      this.logger.error({ dropped: this.queue.shift()?.event }, "portal report queue full; dropped the oldest event");
    }
    this.queue.push({ event: { ...event, node: this.nodeId }, onDelivered });
    void this.flush();
  }

  get pending(): number {
    return this.queue.length;
  }

  /**
   * The node stops: what is queued gets `graceMs` to reach a portal that answers, then the
   * reporter stops retrying (what was not delivered is lost from memory; recording reports stay in
   * the outbox on disk and go out at the next start).
   */
  async close(graceMs = 2000): Promise<void> {
    const deadline = Date.now() + graceMs;
    while (this.queue.length > 0 && !this.backingOff && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    this.closed = true;
    this.wake?.();
  }

  private async flush(): Promise<void> {
    if (this.sending || !this.target) return;
    this.sending = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const batch = this.queue.slice(0, 100);
        try {
          const response = await fetch(new URL("/api/internal/media-events", this.target.url), {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${this.target.secret}` },
            body: JSON.stringify({ events: batch.map((queued) => queued.event) }),
            signal: AbortSignal.timeout(5000),
          });
          if (!response.ok) throw new Error(`portal answered ${response.status}`);
          this.queue.splice(0, batch.length);
          this.delayMs = 500;
          for (const queued of batch) queued.onDelivered?.();
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
}
