import { routes } from "@/lib/api/routes";
import { decideCheckIn } from "@/lib/checkin/decide-checkin";
import { apiHandler } from "@/lib/http/api-handler";

export const POST = apiHandler(routes.decideCheckIn, ({ actor, params, body }) => decideCheckIn(actor, params.id, params.checkInId, body));
