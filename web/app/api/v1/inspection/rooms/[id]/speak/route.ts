import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { speakInRoom } from "@/lib/inspection/speak-in-room";

export const POST = apiHandler(routes.speakInRoom, ({ actor, params }) => speakInRoom(actor, params.id));
