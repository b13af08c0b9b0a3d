import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { openFamilyLink } from "@/lib/visits/day/use-family-link";

export const GET = apiHandler(routes.openFamilyLink, ({ params }) => openFamilyLink(params.token));
