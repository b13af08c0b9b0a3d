import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";

export const GET = apiHandler(routes.listUsers, ({ actor, query }) => listUsers(actor, query));
export const POST = apiHandler(routes.createUser, ({ actor, body }) => createUser(actor, body));
