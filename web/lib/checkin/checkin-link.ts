import { createHmac } from "node:crypto";
import { safeEqual } from "../auth/session-token.ts";

/**
 * A person's standing check-in link is `<person id>.<22 chars of HMAC(APP_SECRET, person id + version)>`:
 * kept as a QR code, nothing secret stored, revoked by bumping the plan's link version. The
 * link alone does not check anyone in: the bound phone's WebAuthn assertion and the face do.
 */
export function checkInLinkToken(secret: string, personId: string, version: number): string {
  return `${personId}.${mac(secret, personId, version)}`;
}

export function personIdOfCheckInToken(token: string): string {
  return token.split(".")[0] ?? "";
}

export function isCheckInTokenValid(secret: string, token: string, version: number): boolean {
  const [personId, sent] = token.split(".");
  return Boolean(personId && sent) && safeEqual(sent!, mac(secret, personId!, version));
}

function mac(secret: string, personId: string, version: number): string {
  return createHmac("sha256", secret).update(`checkin-link:${personId}:${version}`).digest("base64url").slice(0, 22);
}
