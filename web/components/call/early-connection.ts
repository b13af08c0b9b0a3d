import type { ApiResult } from "@/lib/client/api-fetch";
import type { JoinGrant } from "@/lib/client/join-grant";
import type { Connection } from "./use-call-session";

export interface EarlyConnection {
  connection: Connection;
  /** The token arrived: the waiting socket authenticates and the join starts. */
  authenticate(token: string): void;
  /** No token after all (refused, or another node): the socket never authenticates. */
  abandon(): void;
}

/**
 * A connection to the media node opened before there is a token. socket.io asks for `auth` only
 * once its transport is open, so the WebSocket handshake happens while the join screen is shown
 * and the click costs only the token request. A socket left waiting is cheap: the node keeps no
 * state for it, and drops it after 20 s (MEDIA_HANDSHAKE_TIMEOUT_SECONDS; socket.io then opens another).
 */
export function openEarly(mediaUrl: string): EarlyConnection {
  let authenticate!: (token: string) => void;
  let abandon!: () => void;
  const token = new Promise<string>((resolve, reject) => {
    authenticate = resolve;
    abandon = () => reject(new Error("no join token"));
  });
  token.catch(() => undefined);
  return { connection: { mediaUrl, token }, authenticate, abandon };
}

/**
 * A prepared screen keeps its token this long, then prepares again with a fresh one (new token,
 * new socket): a screen left open over lunch never joins on an old token.
 */
export const PREPARED_MAX_AGE_MS = 5 * 60_000;

/** A join prepared before the click: the token asked now, and the click the session waits for. */
export interface PreparedJoin {
  grant: Promise<ApiResult<JoinGrant>>;
  /** The grant's answer once it came (so that the click need not wait even a microtask for it). */
  settled?: ApiResult<JoinGrant>;
  /** CallSession's `gate`: `join` waits for it (the transports are made and connected meanwhile). */
  gate: Promise<void>;
  click: () => void;
  at: number;
}

/**
 * Issue 14: everything but the join before the click. The token is asked now; when it answers for
 * this node the waiting socket authenticates, and the session (given `gate`) loads the room's
 * capabilities and makes and connects both transports, then waits for `click`. A token for another
 * node, or a refusal, is left to the caller (the socket then never authenticates). `stillWaiting`
 * says whether `waiting` is still the screen's connection when the token comes.
 * Used by the prepared join screen (call-flow.tsx) and the roll-call console (use-console-connection.ts).
 */
export function prepareJoin(waiting: EarlyConnection, grant: Promise<ApiResult<JoinGrant>>, stillWaiting: () => boolean = () => true): PreparedJoin {
  let click!: () => void;
  const gate = new Promise<void>((resolve) => (click = resolve));
  const prepared: PreparedJoin = { grant, gate, click, at: Date.now() };
  void grant.then((result) => {
    prepared.settled = result;
    if (stillWaiting() && result.ok && result.data.mediaUrl === waiting.connection.mediaUrl) waiting.authenticate(result.data.token);
  });
  return prepared;
}
