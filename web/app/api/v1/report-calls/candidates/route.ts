import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { listReportCandidates } from "@/lib/report-calls/list-report-candidates";

export const GET = apiHandler(routes.reportCandidates, ({ actor }) => listReportCandidates(actor));
