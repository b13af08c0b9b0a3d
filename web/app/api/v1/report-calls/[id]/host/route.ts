import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { hostReportCall } from "@/lib/report-calls/report-call-grants";

export const POST = apiHandler(routes.hostReportCall, ({ actor, params }) => hostReportCall(actor, params.id));
