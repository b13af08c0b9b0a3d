import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { listIncomingReportCalls } from "@/lib/report-calls/list-incoming-report-calls";

export const GET = apiHandler(routes.incomingReportCalls, ({ actor }) => listIncomingReportCalls(actor));
