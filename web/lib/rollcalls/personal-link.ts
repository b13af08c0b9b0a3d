import { createHmac } from "node:crypto";
import { idOfVersionedLink, isVersionedLinkValid, versionedLinkToken } from "../auth/versioned-link.ts";

/**
 * A personal roll-call link names its roster entry: bound to one person on one roll call, shown
 * again whenever the officer needs it, and revoked by bumping the entry's link version.
 */
const PURPOSE = "rollcall-link";

export const personalLinkToken = (secret: string, entryId: string, version: number) => versionedLinkToken(secret, PURPOSE, entryId, version);
export const entryIdOfToken = idOfVersionedLink;
export const isPersonalLinkTokenValid = (secret: string, token: string, version: number) => isVersionedLinkValid(secret, PURPOSE, token, version);

/**
 * Proof that this browser passed the code check: bound to the entry, the link version and the
 * moment of verification, so a link forwarded to someone else needs the code again, and a new
 * verification elsewhere retires the old browser's ticket.
 */
export function verificationTicket(secret: string, entryId: string, version: number, verifiedAt: Date): string {
  return createHmac("sha256", secret).update(`rollcall-ticket:${entryId}:${version}:${verifiedAt.getTime()}`).digest("base64url");
}
