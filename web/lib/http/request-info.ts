import net from "node:net";
import { config } from "../config.ts";
import { normalizeIp, proxyMatcher } from "./trusted-proxies.ts";

let matcher: { entries: readonly string[]; isProxy: (ip: string) => boolean } | undefined;

function isTrustedProxy(ip: string): boolean {
  const entries = config().trustedProxies;
  if (matcher?.entries !== entries) matcher = { entries, isProxy: proxyMatcher(entries) };
  return matcher.isProxy(ip);
}

/**
 * X-Forwarded-For as hops, nearest last. The portal's own server (scripts/portal-server.mjs)
 * appends the socket's peer address, so the last hop is always real; everything to its left is
 * only as trustworthy as the proxy that wrote it.
 */
function forwardedHops(request: Request): string[] {
  return (request.headers.get("x-forwarded-for") ?? "").split(",").map(normalizeIp).filter(Boolean);
}

/**
 * The client address for the login rate limit, sessions and the audit trail: walk
 * X-Forwarded-For from the right, past the configured TRUSTED_PROXIES, to the first hop that is
 * not one of ours. Without trusted proxies that is the peer itself, whatever a client sends.
 */
export function clientIp(request: Request): string {
  const hops = forwardedHops(request);
  if (hops.length === 0) return "local";
  let client = hops[hops.length - 1]!;
  for (let i = hops.length - 1; i >= 0; i--) {
    // A hop that is not an address was written by the client, not by one of our proxies.
    if (net.isIP(hops[i]!) === 0) break;
    client = hops[i]!;
    if (!isTrustedProxy(client)) break;
  }
  return client;
}

/**
 * Whether the request reached the peer over HTTPS: X-Forwarded-Proto counts only from a trusted
 * proxy. The portal itself only ever speaks plain HTTP (scripts/portal-server.mjs), and Next builds
 * `request.url`'s scheme from X-Forwarded-Proto whoever sent it, so that scheme proves nothing.
 */
export function isHttps(request: Request): boolean {
  const peer = forwardedHops(request).at(-1);
  return peer !== undefined && isTrustedProxy(peer) && request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/** The host the browser asked for: X-Forwarded-Host counts only from a trusted proxy. */
export function requestHost(request: Request): string | null {
  const peer = forwardedHops(request).at(-1);
  const forwarded = peer !== undefined && isTrustedProxy(peer) ? request.headers.get("x-forwarded-host") : null;
  return forwarded ?? request.headers.get("host");
}
