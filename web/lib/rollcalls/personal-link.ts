import { createHmac } from "node:crypto";
import { safeEqual } from "../auth/session-token.ts";

/**
 * A personal roll-call link is `<entry id>.<22 chars of HMAC(APP_SECRET, entry id + version)>`:
 * bound to one person on one roll call, nothing secret stored, shown again whenever the officer
 * needs it, and revoked by bumping the entry's link version.
 */
export function personalLinkToken(secret: string, entryId: string, version: number): string {
  return `${entryId}.${mac(secret, entryId, version)}`;
}

export function entryIdOfToken(token: string): string {
  return token.split(".")[0] ?? "";
}

export function isPersonalLinkTokenValid(secret: string, token: string, version: number): boolean {
  const [entryId, sent] = token.split(".");
  return Boolean(entryId && sent) && safeEqual(sent!, mac(secret, entryId!, version));
}

function mac(secret: string, entryId: string, version: number): string {
  return createHmac("sha256", secret).update(`rollcall-link:${entryId}:${version}`).digest("base64url").slice(0, 22);
}

/**
 * Proof that this browser passed the code check: bound to the entry, the link version and the
 * moment of verification, so a link forwarded to someone else needs the code again, and a new
 * verification elsewhere retires the old browser's ticket.
 */
export function verificationTicket(secret: string, entryId: string, version: number, verifiedAt: Date): string {
  return createHmac("sha256", secret).update(`rollcall-ticket:${entryId}:${version}:${verifiedAt.getTime()}`).digest("base64url");
}
