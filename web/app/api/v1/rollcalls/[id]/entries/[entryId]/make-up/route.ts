import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { startMakeUpCall } from "@/lib/rollcalls/start-make-up-call";

export const POST = apiHandler(routes.startMakeUpCall, ({ actor, params }) => startMakeUpCall(actor, params.id, params.entryId));
