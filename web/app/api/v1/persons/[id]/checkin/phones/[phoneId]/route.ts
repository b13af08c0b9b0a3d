import { routes } from "@/lib/api/routes";
import { revokePhone } from "@/lib/checkin/revoke-phone";
import { apiHandler } from "@/lib/http/api-handler";

export const DELETE = apiHandler(routes.revokePhone, ({ actor, params }) => revokePhone(actor, params.id, params.phoneId));
