import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { prepareRollCall } from "@/lib/rollcalls/prepare-roll-call";

export const POST = apiHandler(routes.prepareRollCall, ({ actor, params }) => prepareRollCall(actor, params.id));
