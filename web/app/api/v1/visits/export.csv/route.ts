import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { visitsCsv } from "@/lib/visits/visits-csv";

export const GET = apiHandler(routes.exportVisitsCsv, async ({ actor, query }) => {
  const body = await visitsCsv(actor, query);
  return new NextResponse(body, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent("会见记录.csv")}` },
  });
});
