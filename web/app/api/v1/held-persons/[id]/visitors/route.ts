import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { listVisitors } from "@/lib/visits/held-persons";

export const GET = apiHandler(routes.heldPersonVisitors, ({ actor, params }) => listVisitors(actor, params.id));
