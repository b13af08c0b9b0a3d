import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { markCenter } from "@/lib/report-calls/mark-center";

export const POST = apiHandler(routes.markReportCenter, ({ actor, params, body }) => markCenter(actor, params.id, params.centerId, body.status));
