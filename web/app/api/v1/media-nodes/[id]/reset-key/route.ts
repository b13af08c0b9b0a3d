import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { resetMediaNodeKey } from "@/lib/media-nodes/reset-node-key";

export const POST = apiHandler(routes.resetMediaNodeKey, ({ actor, params, body }) => resetMediaNodeKey(actor, params.id, body));
