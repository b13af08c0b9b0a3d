import type { types } from "mediasoup";
import type { Logger } from "../observability/logger.ts";

/**
 * Transports a socket built before `join` (issue 14: the click should not wait for them). They
 * belong to the connection, not to the room: nobody in the room sees them, they carry nothing
 * (produce and consume still need the join; they may be connected, ICE + DTLS, so that the click
 * does not wait for that either), and they are closed when the socket goes,
 * when it asks again for the same direction, or when it has not joined within `ttlMs`. `join`
 * hands the live ones to the peer (Room.join); a transport whose router died meanwhile is just
 * not handed over, and the client builds that one again.
 */
export class PreparedTransports {
  private readonly byDirection = new Map<"send" | "recv", types.WebRtcTransport>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly logger: Logger,
  ) {}

  get size(): number {
    return this.byDirection.size;
  }

  /** Keeps `transport` for `direction`, closing the one it replaces; the deadline starts again. */
  keep(direction: "send" | "recv", transport: types.WebRtcTransport): void {
    const previous = this.byDirection.get(direction);
    if (previous && previous !== transport) previous.close();
    this.byDirection.set(direction, transport);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.byDirection.size > 0) this.logger.info({ transports: this.byDirection.size }, "prepared transports expired unjoined");
      this.release();
    }, this.ttlMs);
    this.timer.unref?.();
  }

  /** This connection's prepared transport `id`, if it still has it (never another socket's). */
  find(id: string): types.WebRtcTransport | undefined {
    for (const transport of this.byDirection.values()) if (transport.id === id && !transport.closed) return transport;
    return undefined;
  }

  /** The live ones, given up by the socket (the peer owns them now). */
  take(): types.WebRtcTransport[] {
    clearTimeout(this.timer);
    const live = [...this.byDirection.values()].filter((t) => !t.closed);
    for (const t of this.byDirection.values()) if (t.closed) t.close();
    this.byDirection.clear();
    return live;
  }

  /** The socket went (or never joined in time): nothing it prepared survives it. */
  release(): void {
    clearTimeout(this.timer);
    for (const transport of this.byDirection.values()) transport.close();
    this.byDirection.clear();
  }
}
