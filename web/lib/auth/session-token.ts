import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from "./cookie-names.ts";

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Sessions are stored by the hash of their token, never the token itself. */
export function sessionIdFromToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The CSRF token is bound to the session: a token from another session is worthless. */
export function csrfTokenFor(secret: string, sessionId: string): string {
  return createHmac("sha256", secret).update(`csrf:${sessionId}`).digest("base64url");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
