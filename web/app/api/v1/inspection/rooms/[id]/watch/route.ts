import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { watchRoom } from "@/lib/inspection/watch-room";

export const POST = apiHandler(routes.watchRoom, ({ actor, params, body }) => watchRoom(actor, params.id, body.mode));
