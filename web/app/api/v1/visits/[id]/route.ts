import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { getVisit } from "@/lib/visits/get-visit";

export const GET = apiHandler(routes.getVisit, ({ actor, params }) => getVisit(actor, params.id));
