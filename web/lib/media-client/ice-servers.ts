import { z } from "zod";
import { ZIceServer, type IceServer } from "../../../server/src/protocol/join-token.ts";

const ZIceClaim = z.object({ ice: z.array(ZIceServer).optional() });

/**
 * The TURN relays a join token carries (see server/src/protocol/join-token.ts), for the browser's
 * ICE servers: with them a page whose network blocks UDP to the media node relays its media over
 * TURN (UDP, TCP or TLS to the relay). The token's signature is the node's business; the page
 * only reads its own token's payload. None when the portal has no TURN relay configured.
 */
export function iceServersOf(token: string): IceServer[] {
  const payload = token.split(".")[1];
  if (!payload) return [];
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const parsed = ZIceClaim.safeParse(JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))));
    return parsed.success ? (parsed.data.ice ?? []) : [];
  } catch {
    return [];
  }
}
