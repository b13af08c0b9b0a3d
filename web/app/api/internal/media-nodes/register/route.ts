import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { registerMediaNode } from "@/lib/media-nodes/register-media-node";

export const POST = apiHandler(routes.registerMediaNode, ({ body }) => registerMediaNode(body));
