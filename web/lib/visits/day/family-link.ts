import { createHash, createHmac } from "node:crypto";
import { idOfVersionedLink, isVersionedLinkValid, versionedLinkToken } from "../../auth/versioned-link.ts";
import { config } from "../../config.ts";

/**
 * A family member's personal visit link: `<participant id>.<HMAC>` (versioned-link.ts) whose
 * version is the instant it was issued, so reissuing makes every earlier link dead without
 * storing the token. Its life is the visit's (its day, until its end), derived from the visit
 * row, never from the link. `linkTokenHash` keeps the SHA-256 of the one live link.
 */
const PURPOSE = "visit-family-link";

export const linkVersionOf = (issuedAt: Date) => issuedAt.getTime();

export function familyLinkToken(participantId: string, issuedAt: Date): string {
  return versionedLinkToken(config().appSecret, PURPOSE, participantId, linkVersionOf(issuedAt));
}

export const participantIdOfLink = idOfVersionedLink;

export function isFamilyLinkValid(token: string, issuedAt: Date | null): boolean {
  return issuedAt !== null && isVersionedLinkValid(config().appSecret, PURPOSE, token, linkVersionOf(issuedAt));
}

export const linkTokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/** The browser's proof that this link passed the ID check: bound to the link's version. */
export function familyTicket(participantId: string, issuedAt: Date): string {
  return createHmac("sha256", config().appSecret).update(`visit-family-ticket:${participantId}:${linkVersionOf(issuedAt)}`).digest("base64url").slice(0, 32);
}
