import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { createRollCall } from "@/lib/rollcalls/create-roll-call";
import { listRollCalls } from "@/lib/rollcalls/list-roll-calls";

export const GET = apiHandler(routes.listRollCalls, ({ actor, query }) => listRollCalls(actor, query));
export const POST = apiHandler(routes.createRollCall, ({ actor, body }) => createRollCall(actor, body));
