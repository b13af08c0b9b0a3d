import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { getVisitStatus } from "@/lib/visits/get-visit-status";

export const POST = apiHandler(routes.visitStatus, ({ params, body }) => getVisitStatus(params.visitCode, body.idLast4));
