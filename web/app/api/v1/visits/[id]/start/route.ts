import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { startVisit } from "@/lib/visits/day/staff-visit-day";

export const POST = apiHandler(routes.startVisit, ({ actor, params }) => startVisit(actor, params.id));
