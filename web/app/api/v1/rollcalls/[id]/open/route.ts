import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { openRollCall } from "@/lib/rollcalls/open-roll-call";

export const POST = apiHandler(routes.openRollCall, ({ actor, params }) => openRollCall(actor, params.id));
