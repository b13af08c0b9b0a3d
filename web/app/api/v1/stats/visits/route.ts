import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { monthlyVisitCounts } from "@/lib/visits/visit-stats";

export const GET = apiHandler(routes.visitStats, ({ actor, query }) => monthlyVisitCounts(actor, query.months));
