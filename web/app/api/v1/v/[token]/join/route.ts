import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { joinByFamilyLink } from "@/lib/visits/day/use-family-link";

export const POST = apiHandler(routes.joinByFamilyLink, ({ params, body }) => joinByFamilyLink(params.token, body.ticket));
