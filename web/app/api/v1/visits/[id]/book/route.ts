import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { bookVisit } from "@/lib/visits/book-visit";

export const POST = apiHandler(routes.bookVisit, ({ actor, params, body }) => bookVisit(actor, params.id, body));
