import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { getRoomDetail } from "@/lib/rooms/get-room-or-throw";

export const GET = apiHandler(routes.getRoom, ({ actor, params }) => getRoomDetail(actor, params.id));
