import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { rejectVisit } from "@/lib/visits/reject-visit";

export const POST = apiHandler(routes.rejectVisit, ({ actor, params, body }) => rejectVisit(actor, params.id, body));
