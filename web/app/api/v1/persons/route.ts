import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { createPerson } from "@/lib/persons/create-person";
import { listPersons } from "@/lib/persons/list-persons";

export const GET = apiHandler(routes.listPersons, ({ actor, query }) => listPersons(actor, query));
export const POST = apiHandler(routes.createPerson, ({ actor, body }) => createPerson(actor, body));
