import { ValidationError } from "../errors.ts";
import { isHttps, requestHost } from "../http/request-info.ts";

/**
 * The WebAuthn relying party is the portal as the browser reached it: its origin must match the
 * one in the signed client data, and the RP ID is its host name (so a credential bound on one
 * deployment is useless on another). Forwarded host and scheme count only from trusted proxies.
 */
export function relyingParty(request: Request): { origin: string; rpID: string; rpName: string } {
  const host = requestHost(request);
  if (!host) throw new ValidationError("The request has no Host header");
  const origin = `${isHttps(request) ? "https" : "http"}://${host}`;
  return { origin, rpID: new URL(origin).hostname, rpName: "阳光社矫" };
}
