import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { recordNodeHeartbeat } from "@/lib/media-nodes/record-node-heartbeat";

export const POST = apiHandler(routes.mediaNodeHeartbeat, ({ body }) => recordNodeHeartbeat(body));
