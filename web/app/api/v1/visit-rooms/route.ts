import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { createVisitRoom, listVisitRooms } from "@/lib/visits/visit-rooms";

export const GET = apiHandler(routes.listVisitRooms, ({ actor }) => listVisitRooms(actor));
export const POST = apiHandler(routes.createVisitRoom, ({ actor, body }) => createVisitRoom(actor, body));
