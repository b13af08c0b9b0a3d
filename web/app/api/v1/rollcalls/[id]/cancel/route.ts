import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { cancelRollCall } from "@/lib/rollcalls/cancel-roll-call";

export const POST = apiHandler(routes.cancelRollCall, ({ actor, params }) => cancelRollCall(actor, params.id));
