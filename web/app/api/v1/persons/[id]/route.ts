import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { getPersonOrThrow } from "@/lib/persons/get-person-or-throw";
import { updatePerson } from "@/lib/persons/update-person";

export const GET = apiHandler(routes.getPerson, ({ actor, params }) => getPersonOrThrow(actor, params.id));
export const PATCH = apiHandler(routes.updatePerson, ({ actor, params, body }) => updatePerson(actor, params.id, body));
