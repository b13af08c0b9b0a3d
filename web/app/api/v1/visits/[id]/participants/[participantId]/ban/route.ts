import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { banVisitor } from "@/lib/visits/ban-visitor";

export const POST = apiHandler(routes.banVisitor, ({ actor, params, body }) => banVisitor(actor, params.id, params.participantId, body));
