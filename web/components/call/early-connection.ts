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
