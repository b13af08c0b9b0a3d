import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { confirmVisitorId } from "@/lib/visits/day/staff-visit-day";

export const POST = apiHandler(routes.confirmVisitorId, ({ actor, params }) => confirmVisitorId(actor, params.id, params.participantId));
