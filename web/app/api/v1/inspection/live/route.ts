import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { listLiveRooms } from "@/lib/inspection/list-live-rooms";

export const GET = apiHandler(routes.liveRooms, ({ actor, query }) => listLiveRooms(actor, query));
