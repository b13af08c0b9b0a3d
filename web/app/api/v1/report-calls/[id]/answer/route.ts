import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { answerReportCall } from "@/lib/report-calls/report-call-grants";

export const POST = apiHandler(routes.answerReportCall, ({ actor, params }) => answerReportCall(actor, params.id));
