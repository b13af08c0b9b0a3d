import type { Logger } from "./logger.ts";

/**
 * A warning that a client can trigger at will (a refused request, a request without an ack) is
 * logged once per interval with the count of those it stood for: one socket sending 10,000 of
 * them a second wrote 23.5 MB of log in 10 s.
 */
export function throttledWarn(logger: Logger, intervalMs: number): (fields: Record<string, unknown>, message: string) => void {
  let last = -Infinity;
  let suppressed = 0;
  return (fields, message) => {
    const now = performance.now();
    if (now - last < intervalMs) {
      suppressed++;
      return;
    }
    logger.warn({ ...fields, suppressed }, message);
    last = now;
    suppressed = 0;
  };
}
