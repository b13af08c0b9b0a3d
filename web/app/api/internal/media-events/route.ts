import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { recordMediaEvents } from "@/lib/rooms/record-media-events";

export const POST = apiHandler(routes.mediaEvents, ({ body }) => recordMediaEvents(body.events));
