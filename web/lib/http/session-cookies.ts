import type { NextResponse } from "next/server";
import { CSRF_COOKIE, SESSION_COOKIE, csrfTokenFor } from "../auth/session-token.ts";
import { config } from "../config.ts";

export function setSessionCookies(
  response: NextResponse,
  session: { token: string; sessionId: string; expiresAt: Date },
  secure: boolean,
): string {
  const csrfToken = csrfTokenFor(config().appSecret, session.sessionId);
  const common = { path: "/", sameSite: "lax" as const, secure, expires: session.expiresAt };
  response.cookies.set(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  // Readable by the page's script, which echoes it in the x-csrf-token header.
  response.cookies.set(CSRF_COOKIE, csrfToken, { ...common, httpOnly: false });
  return csrfToken;
}

export function clearSessionCookies(response: NextResponse): void {
  response.cookies.set(SESSION_COOKIE, "", { path: "/", maxAge: 0 });
  response.cookies.set(CSRF_COOKIE, "", { path: "/", maxAge: 0 });
}
