import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { listMediaNodes } from "@/lib/media-nodes/list-media-nodes";

export const GET = apiHandler(routes.listMediaNodes, ({ actor }) => listMediaNodes(actor));
