import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { joinRollCallByLink } from "@/lib/rollcalls/verify-personal-link";

export const POST = apiHandler(routes.joinRollCallByLink, ({ params, body }) => joinRollCallByLink(params.token, body.ticket));
