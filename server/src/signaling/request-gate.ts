import { throttledWarn } from "../observability/throttled-log.ts";
import type { AckError } from "../protocol/errors.ts";
import { REQUESTS } from "../protocol/requests.ts";
import { ABUSE_WINDOW_MS, type SignalingLimits } from "./limits.ts";
import type { SignalingSession } from "./session.ts";
import { TokenBucket } from "./token-bucket.ts";

type Ack = (response: unknown) => void;

/**
 * Every incoming message passes here before any handler: the rate limit (token bucket), then
 * unknown names, then messages without an acknowledgement. Each check costs O(1) and refusals
 * are logged once per interval, so a flood costs the node little and its log less.
 */
export function gateRequests(session: SignalingSession, limits: SignalingLimits): void {
  const { socket, deps } = session;
  const bucket = new TokenBucket(limits.requestBurst, limits.requestsPerSecond);
  const warnRateLimited = throttledWarn(session.logger, ABUSE_WINDOW_MS);
  const warnNoAck = throttledWarn(session.logger, ABUSE_WINDOW_MS);
  let strikes = 0;
  let windowStart = performance.now();

  const refuse = (ack: Ack | undefined, error: AckError) => {
    deps.metrics.refusals.inc({ code: error.code });
    ack?.({ ok: false, error });
  };

  socket.use(([event, ...args], next) => {
    const last = args.at(-1);
    const ack = typeof last === "function" ? (last as Ack) : undefined;
    if (!bucket.take()) {
      refuse(ack, { code: "rate_limited", message: "Too many requests: slow down" });
      warnRateLimited({ request: String(event).slice(0, 64) }, "requests refused: rate limit");
      const now = performance.now();
      if (now - windowStart > ABUSE_WINDOW_MS) {
        windowStart = now;
        strikes = 0;
      }
      if (++strikes === limits.refusalsBeforeDisconnect) {
        session.logger.warn({ strikes }, "disconnecting a connection that keeps flooding");
        socket.disconnect(true);
      }
      return;
    }
    if (!Object.hasOwn(REQUESTS, event)) return refuse(ack, { code: "unknown_message", message: `Unknown request ${String(event).slice(0, 64)}` });
    if (!ack) {
      // Its sender could never learn the outcome: a client bug, or someone probing.
      warnNoAck({ request: event }, "requests without acknowledgement refused");
      return;
    }
    next();
  });
}
