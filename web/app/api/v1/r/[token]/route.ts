import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { openPersonalLink } from "@/lib/rollcalls/verify-personal-link";

export const GET = apiHandler(routes.openRollCallLink, ({ params }) => openPersonalLink(params.token));
