import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { visitIcs } from "@/lib/visits/visit-ics";

export const GET = apiHandler(routes.visitCalendar, async ({ params, query }) => {
  const { filename, body } = await visitIcs(params.visitCode, query.t);
  return new NextResponse(body, {
    headers: { "content-type": "text/calendar; charset=utf-8", "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(filename)}` },
  });
});
