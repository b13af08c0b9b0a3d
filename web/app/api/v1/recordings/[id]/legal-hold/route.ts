import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { setLegalHold } from "@/lib/recordings/set-legal-hold";

export const POST = apiHandler(routes.setRecordingLegalHold, ({ actor, params, body }) => setLegalHold(actor, params.id, body.hold));
