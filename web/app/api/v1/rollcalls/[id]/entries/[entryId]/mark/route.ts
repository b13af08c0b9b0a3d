import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { markEntry } from "@/lib/rollcalls/mark-entry";

export const POST = apiHandler(routes.markRollCallEntry, ({ actor, params, body }) => markEntry(actor, params.id, params.entryId, body));
