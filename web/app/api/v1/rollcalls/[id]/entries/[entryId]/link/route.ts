import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { revokePersonalLink } from "@/lib/rollcalls/revoke-personal-link";

export const POST = apiHandler(routes.revokeRollCallLink, ({ actor, params, body }) =>
  revokePersonalLink(actor, params.id, params.entryId, body.reissue),
);
