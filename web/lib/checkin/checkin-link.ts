import { idOfVersionedLink, isVersionedLinkValid, versionedLinkToken } from "../auth/versioned-link.ts";

/**
 * A person's standing check-in link names the person: kept as a QR code and revoked by bumping
 * the plan's link version. The link alone does not check anyone in: the bound phone's WebAuthn
 * assertion and the face do.
 */
const PURPOSE = "checkin-link";

export const checkInLinkToken = (secret: string, personId: string, version: number) => versionedLinkToken(secret, PURPOSE, personId, version);
export const personIdOfCheckInToken = idOfVersionedLink;
export const isCheckInTokenValid = (secret: string, token: string, version: number) => isVersionedLinkValid(secret, PURPOSE, token, version);
