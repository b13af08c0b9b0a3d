import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { rollCallIcs } from "@/lib/rollcalls/roll-call-ics";

export const GET = apiHandler(routes.rollCallCalendar, async ({ actor, params, request }) => {
  const { filename, body } = await rollCallIcs(actor, params.id, new URL(`/rollcalls/${params.id}`, request.nextUrl.origin).toString());
  return new NextResponse(body, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
    },
  });
});
