import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { login } from "@/lib/auth/login";
import { apiHandler } from "@/lib/http/api-handler";
import { clientIp, isHttps } from "@/lib/http/request-info";
import { setSessionCookies } from "@/lib/http/session-cookies";
import { toMe } from "@/lib/auth/to-me";

export const POST = apiHandler(routes.login, async ({ request, body }) => {
  const result = await login({ ...body, ip: clientIp(request), userAgent: request.headers.get("user-agent") });
  const response = NextResponse.json({});
  const csrfToken = setSessionCookies(response, result, isHttps(request));
  return NextResponse.json(toMe(result.actor, csrfToken), { headers: response.headers });
});
