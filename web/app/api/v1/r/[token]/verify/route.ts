import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { verifyPersonalLink } from "@/lib/rollcalls/verify-personal-link";

export const POST = apiHandler(routes.verifyRollCallLink, ({ params, body }) => verifyPersonalLink(params.token, body.idLast4));
