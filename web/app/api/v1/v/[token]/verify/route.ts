import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { verifyFamilyLink } from "@/lib/visits/day/use-family-link";

export const POST = apiHandler(routes.verifyFamilyLink, ({ params, body }) => verifyFamilyLink(params.token, body.idLast4));
