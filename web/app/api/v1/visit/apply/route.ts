import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { clientIp } from "@/lib/http/request-info";
import { applyForVisit } from "@/lib/visits/apply-for-visit";

export const POST = apiHandler(routes.applyForVisit, ({ request, body }) => applyForVisit(body, clientIp(request)));
