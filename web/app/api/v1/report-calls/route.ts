import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { createReportCall } from "@/lib/report-calls/create-report-call";
import { listReportCalls } from "@/lib/report-calls/list-report-calls";

export const GET = apiHandler(routes.listReportCalls, ({ actor }) => listReportCalls(actor));
export const POST = apiHandler(routes.createReportCall, ({ actor, body }) => createReportCall(actor, body));
