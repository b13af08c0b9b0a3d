import { createHmac } from "node:crypto";
import { safeEqual } from "./session-token.ts";

/**
 * A link token `<id>.<22 chars of HMAC(APP_SECRET, purpose + id + version)>`: nothing secret is
 * stored, the officer can be shown it again at any time, and bumping the version revokes it. The
 * purpose keeps a token of one kind of link from opening another kind for the same id.
 */
export function versionedLinkToken(secret: string, purpose: string, id: string, version: number): string {
  return `${id}.${mac(secret, purpose, id, version)}`;
}

/** The id a token names; checked only by `isVersionedLinkValid`. */
export function idOfVersionedLink(token: string): string {
  return token.split(".")[0] ?? "";
}

export function isVersionedLinkValid(secret: string, purpose: string, token: string, version: number): boolean {
  const [id, sent] = token.split(".");
  return Boolean(id && sent) && safeEqual(sent!, mac(secret, purpose, id!, version));
}

function mac(secret: string, purpose: string, id: string, version: number): string {
  return createHmac("sha256", secret).update(`${purpose}:${id}:${version}`).digest("base64url").slice(0, 22);
}
