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
}

const MAX_QUEUE = 10_000;

/**
 * Reports what happens in rooms to the portal's internal API, in order, retrying with backoff
 * while the portal is unreachable: a join time must not be lost because the portal restarted.
 */
export class PortalReporter {
  private readonly queue: Array<MediaEvent & { node: string }> = [];
  private sending = false;
  private delayMs = 500;

  constructor(
    private readonly target: { url: string; secret: string } | null,
    private readonly nodeId: string,
    private readonly logger: Logger,
  ) {}

  report(event: MediaEvent): void {
    if (!this.target) return;
    if (this.queue.length >= MAX_QUEUE) {
      this.logger.error({ dropped: this.queue.shift() }, "portal report queue full; dropped the oldest event");
    }
    this.queue.push({ ...event, node: this.nodeId });
    void this.flush();
  }

  get pending(): number {
    return this.queue.length;
  }

  private async flush(): Promise<void> {
    if (this.sending || !this.target) return;
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.slice(0, 100);
        try {
          const response = await fetch(new URL("/api/internal/media-events", this.target.url), {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${this.target.secret}` },
            body: JSON.stringify({ events: batch }),
            signal: AbortSignal.timeout(5000),
          });
          if (!response.ok) throw new Error(`portal answered ${response.status}`);
          this.queue.splice(0, batch.length);
          this.delayMs = 500;
        } catch (error) {
          this.logger.warn({ err: String(error), pending: this.queue.length, retryInMs: this.delayMs }, "portal report failed; will retry");
          await new Promise((resolve) => setTimeout(resolve, this.delayMs));
          this.delayMs = Math.min(this.delayMs * 2, 30_000);
        }
      }
    } finally {
      this.sending = false;
    }
  }
}
