import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { updateHeldPersonRules } from "@/lib/visits/update-held-person-rules";

export const PATCH = apiHandler(routes.updateHeldPersonRules, ({ actor, params, body }) => updateHeldPersonRules(actor, params.id, body));
