import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { revokeFamilyLink } from "@/lib/visits/day/issue-family-link";

export const POST = apiHandler(routes.revokeFamilyLink, ({ actor, params }) => revokeFamilyLink(actor, params.id, params.participantId));
