import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { callPerson } from "@/lib/rollcalls/call-person";

export const POST = apiHandler(routes.callRollCallEntry, ({ actor, params }) => callPerson(actor, params.id, params.entryId));
