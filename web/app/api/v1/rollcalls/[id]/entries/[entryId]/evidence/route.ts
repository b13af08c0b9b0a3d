import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { storeEvidence } from "@/lib/rollcalls/store-evidence";

export const POST = apiHandler(routes.storeRollCallEvidence, ({ actor, params, body }) => storeEvidence(actor, params.id, params.entryId, body));
