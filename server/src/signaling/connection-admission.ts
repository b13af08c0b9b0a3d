import type { IncomingMessage } from "node:http";
import type { Logger } from "../observability/logger.ts";
import { throttledWarn } from "../observability/throttled-log.ts";
import { clientAddress } from "./client-address.ts";

export interface AdmissionRules {
  /** Browser origins allowed to open signaling; "*" for any. */
  allowedOrigins: readonly string[] | "*";
  maxConnectionsPerAddress: number;
  /** Our reverse proxies (TRUSTED_PROXIES): only their X-Forwarded-For names the client. */
  isTrustedProxy: (ip: string) => boolean;
}

type Verdict = (reason: string | null | undefined, allowed: boolean) => void;

/**
 * Decides at the HTTP handshake, before socket.io holds any state for it, whether a connection
 * may open: its page's Origin must be the portal's (a browser always sends one; a page elsewhere
 * must not drive a user's token), and one client address (behind nginx the one nginx forwards,
 * see client-address.ts) may hold only so many connections, counted from the handshake on,
 * authenticated or not (socket.io's connectTimeout ends the ones that never authenticate).
 * Refusals are HTTP 403 whose body names the code.
 */
export class ConnectionAdmission {
  private readonly open = new Map<string, number>();
  private readonly warn: ReturnType<typeof throttledWarn>;

  constructor(
    private readonly rules: AdmissionRules,
    logger: Logger,
  ) {
    this.warn = throttledWarn(logger, 10_000);
  }

  readonly allowRequest = (request: IncomingMessage, verdict: Verdict): void => {
    const origin = request.headers.origin;
    if (origin !== undefined && this.rules.allowedOrigins !== "*" && !this.rules.allowedOrigins.includes(origin)) {
      this.warn({ origin: origin.slice(0, 200) }, "signaling refused: origin not allowed");
      return verdict("forbidden: this page's origin may not open signaling", false);
    }
    const address = clientAddress(request, this.rules.isTrustedProxy);
    if ((this.open.get(address) ?? 0) >= this.rules.maxConnectionsPerAddress) {
      this.warn({ address }, "signaling refused: too many connections from one address");
      return verdict("limit_exceeded: too many connections from this address", false);
    }
    verdict(null, true);
  };

  /** Counts an engine.io connection of `request`'s address until it closes. */
  track(request: IncomingMessage, onClose: (listener: () => void) => void): void {
    const address = clientAddress(request, this.rules.isTrustedProxy);
    this.open.set(address, (this.open.get(address) ?? 0) + 1);
    onClose(() => {
      const left = (this.open.get(address) ?? 1) - 1;
      if (left <= 0) this.open.delete(address);
      else this.open.set(address, left);
    });
  }
}
