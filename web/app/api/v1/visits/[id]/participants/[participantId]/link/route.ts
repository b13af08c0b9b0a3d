import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { issueFamilyLink } from "@/lib/visits/day/issue-family-link";

export const POST = apiHandler(routes.issueFamilyLink, ({ actor, params }) => issueFamilyLink(actor, params.id, params.participantId));
