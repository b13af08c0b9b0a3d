import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { cancelVisit } from "@/lib/visits/day/cancel-visit";

export const POST = apiHandler(routes.cancelVisit, ({ actor, params, body }) => cancelVisit(actor, params.id, body));
