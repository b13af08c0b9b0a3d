import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { joinVisitAsStaff } from "@/lib/visits/day/staff-visit-day";

export const POST = apiHandler(routes.joinVisitAsStaff, ({ actor, params }) => joinVisitAsStaff(actor, params.id, params.side));
