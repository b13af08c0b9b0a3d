import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { getRoomExport } from "@/lib/recordings/export/get-room-export";
import { requestRecordingExport } from "@/lib/recordings/export/request-export";

export const GET = apiHandler(routes.getRecordingExport, ({ actor, params }) => getRoomExport(actor, params.id));
export const POST = apiHandler(routes.requestRecordingExport, ({ actor, params }) => requestRecordingExport(actor, params.id));
