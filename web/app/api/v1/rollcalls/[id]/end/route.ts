import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { endRollCall } from "@/lib/rollcalls/end-roll-call";

export const POST = apiHandler(routes.endRollCall, ({ actor, params }) => endRollCall(actor, params.id));
