import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { listVisits } from "@/lib/visits/list-visits";

export const GET = apiHandler(routes.listVisits, ({ actor, query }) => listVisits(actor, query));
