import { NextResponse } from "next/server";
import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { rollCallCsv } from "@/lib/rollcalls/roll-call-csv";

export const GET = apiHandler(routes.exportRollCallCsv, async ({ actor, params }) => {
  const { filename, body } = await rollCallCsv(actor, params.id);
  return new NextResponse(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
    },
  });
});
