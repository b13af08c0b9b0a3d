import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { isHttps } from "@/lib/http/request-info";
import { LINK_TICKET_COOKIE, LINK_TICKET_COOKIE_SECONDS, linkEventsPath } from "@/lib/rollcalls/link-ticket-cookie";
import { verifyPersonalLink } from "@/lib/rollcalls/verify-personal-link";

export const POST = apiHandler(routes.verifyRollCallLink, async ({ params, body, request }) => {
  const verified = await verifyPersonalLink(params.token, body.idLast4);
  const response = NextResponse.json(verified);
  response.cookies.set(LINK_TICKET_COOKIE, verified.ticket, {
    path: linkEventsPath(params.token),
    httpOnly: true,
    sameSite: "strict",
    secure: isHttps(request),
    maxAge: LINK_TICKET_COOKIE_SECONDS,
  });
  return response;
});
