import type { IncomingMessage } from "node:http";
import net from "node:net";
import { normalizeIp } from "../net/trusted-proxies.ts";

/**
 * The address a signaling connection comes from, for the per-address connection limit and the
 * logs. Behind nginx every socket's peer is nginx, so one limit would be shared by everybody;
 * X-Forwarded-For names the client, but only a proxy of ours (TRUSTED_PROXIES) may say so:
 * anyone else could write any address there and slip past the limit. The walk goes from the
 * right (nginx appends the peer it saw to what the client sent) past our proxies to the first
 * hop that is not one of them; the portal finds its client the same way (web/lib/http/request-info.ts).
 */
export function clientAddress(request: IncomingMessage, isTrustedProxy: (ip: string) => boolean): string {
  const peer = normalizeIp(request.socket.remoteAddress ?? "unknown");
  if (!isTrustedProxy(peer)) return peer;
  const header = request.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").map(normalizeIp).filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    // A hop that is not an address was written by the client, not by one of our proxies.
    if (net.isIP(hops[i]!) === 0) break;
    client = hops[i]!;
    if (!isTrustedProxy(client)) break;
  }
  return client;
}
