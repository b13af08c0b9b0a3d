import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { getUserOrThrow } from "@/lib/users/get-user-or-throw";
import { updateUser } from "@/lib/users/update-user";

export const GET = apiHandler(routes.getUser, ({ actor, params }) => getUserOrThrow(actor, params.id));
export const PATCH = apiHandler(routes.updateUser, ({ actor, params, body }) => updateUser(actor, params.id, body));
