import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { getReportCall } from "@/lib/report-calls/get-report-call";

export const GET = apiHandler(routes.getReportCall, ({ actor, params }) => getReportCall(actor, params.id));
