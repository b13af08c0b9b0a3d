import { z } from "zod";
import { ZGrants, ZIceServer, ZRoomKind, type IceServer, type RoomKind } from "../../../server/src/protocol/join-token.ts";

/**
 * A join token's payload as the page reads it (see server/src/protocol/join-token.ts). The
 * signature is the node's business; the page only reads its own token. Undefined when it is not
 * a JWT.
 */
function tokenPayload(token: string): unknown {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  try {
    const binary = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return undefined;
  }
}

const ZIceClaim = z.object({ ice: z.array(ZIceServer).optional() });

/**
 * The TURN relays a join token carries, for the browser's ICE servers: with them a page whose
 * network blocks UDP to the media node relays its media over TURN (UDP, TCP or TLS to the relay).
 * None when the portal has no TURN relay configured.
 */
export function iceServersOf(token: string): IceServer[] {
  const parsed = ZIceClaim.safeParse(tokenPayload(token));
  return parsed.success ? (parsed.data.ice ?? []) : [];
}

const ZPublisherClaims = z.object({ kind: ZRoomKind.default("meeting"), grants: z.object({ publish: ZGrants.shape.publish, observe: ZGrants.shape.observe }) });

/**
 * The room's kind, when the token lets its bearer publish: enough to choose the camera's
 * encodings before the node's join answer says the same. Undefined for an observer, a token that
 * may not publish, or one that cannot be read.
 */
export function publishingRoomKindOf(token: string): RoomKind | undefined {
  const parsed = ZPublisherClaims.safeParse(tokenPayload(token));
  return parsed.success && parsed.data.grants.publish && !parsed.data.grants.observe ? parsed.data.kind : undefined;
}
