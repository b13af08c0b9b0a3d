import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { callCenter } from "@/lib/report-calls/call-center";

export const POST = apiHandler(routes.callReportCenter, ({ actor, params }) => callCenter(actor, params.id, params.centerId));
