import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { endReportCall } from "@/lib/report-calls/end-report-call";

export const POST = apiHandler(routes.endReportCall, ({ actor, params }) => endReportCall(actor, params.id));
