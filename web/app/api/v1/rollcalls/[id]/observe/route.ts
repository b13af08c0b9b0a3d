import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { observeRollCall } from "@/lib/rollcalls/observe-roll-call";

export const POST = apiHandler(routes.observeRollCall, ({ actor, params }) => observeRollCall(actor, params.id));
