import { createHmac } from "node:crypto";
import type { IceServer } from "../../../server/src/protocol/join-token.ts";

/**
 * coturn's shared-secret ("TURN REST") credentials: the username is `<expiry unix time>:<who>`,
 * the password the base64 HMAC-SHA1 of that username under the secret coturn also holds
 * (`use-auth-secret`, `static-auth-secret`). coturn refuses them after the expiry, so they live
 * exactly as long as the join token that carries them; a refreshed token brings fresh ones.
 */
export function turnCredentials(turn: { secret: string; urls: readonly string[] }, identity: string, expiresAt: number): IceServer {
  const username = `${Math.floor(expiresAt)}:${identity.replace(/:/g, "_")}`;
  const credential = createHmac("sha1", turn.secret).update(username).digest("base64");
  return { urls: [...turn.urls], username, credential };
}
