import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { closeRoom } from "@/lib/rooms/close-room";

export const POST = apiHandler(routes.closeRoom, ({ actor, params }) => closeRoom(actor, params.id));
