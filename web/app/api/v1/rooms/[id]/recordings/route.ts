import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { listRoomRecordings } from "@/lib/recordings/list-recordings";

export const GET = apiHandler(routes.listRoomRecordings, ({ actor, params }) => listRoomRecordings(actor, params.id));
