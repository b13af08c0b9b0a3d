import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { logout } from "@/lib/auth/logout";
import { apiHandler } from "@/lib/http/api-handler";
import { clearSessionCookies } from "@/lib/http/session-cookies";

export const POST = apiHandler(routes.logout, async ({ session }) => {
  await logout(session!);
  const response = NextResponse.json({ ok: true });
  clearSessionCookies(response);
  return response;
});
