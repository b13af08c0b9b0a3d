import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { createRoom } from "@/lib/rooms/create-room";
import { listRooms } from "@/lib/rooms/list-rooms";

export const GET = apiHandler(routes.listRooms, ({ actor }) => listRooms(actor));
export const POST = apiHandler(routes.createRoom, ({ actor, body }) => createRoom(actor, body));
