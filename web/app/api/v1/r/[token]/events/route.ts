import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { clientIp } from "@/lib/http/request-info";
import { openLinkEventStream } from "@/lib/rollcalls/link-events/open-link-event-stream";
import { LINK_TICKET_COOKIE } from "@/lib/rollcalls/link-ticket-cookie";

export const dynamic = "force-dynamic";

export const GET = apiHandler(routes.rollCallLinkEvents, async ({ params, request }) => {
  const ticket = request.cookies.get(LINK_TICKET_COOKIE)?.value;
  const stream = await openLinkEventStream(params.token, clientIp(request), request.signal, ticket);
  return new NextResponse(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // nginx would otherwise buffer the stream (deploy/nginx): each event must go out at once.
      "X-Accel-Buffering": "no",
    },
  });
});
