import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { prepareRollCallByLink } from "@/lib/rollcalls/prepare-personal-link";

export const POST = apiHandler(routes.prepareRollCallByLink, ({ params, body }) => prepareRollCallByLink(params.token, body.ticket));
