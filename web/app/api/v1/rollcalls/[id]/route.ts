import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { getRollCallDetail } from "@/lib/rollcalls/get-roll-call";
import { updateRollCall } from "@/lib/rollcalls/update-roll-call";

export const GET = apiHandler(routes.getRollCall, ({ actor, params }) => getRollCallDetail(actor, params.id));
export const PATCH = apiHandler(routes.updateRollCall, ({ actor, params, body }) => updateRollCall(actor, params.id, body));
