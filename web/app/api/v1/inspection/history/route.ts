import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { listInspectionHistory } from "@/lib/inspection/list-inspection-history";

export const GET = apiHandler(routes.inspectionHistory, ({ actor, query }) => listInspectionHistory(actor, query.page));
