import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { listHeldPersons } from "@/lib/visits/held-persons";

export const GET = apiHandler(routes.listHeldPersons, ({ actor, query }) => listHeldPersons(actor, { releasingOnly: query.releasing === "true" }));
