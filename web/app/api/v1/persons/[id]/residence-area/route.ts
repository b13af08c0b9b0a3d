import { routes } from "@/lib/api/routes";
import { getResidenceArea } from "@/lib/checkin/get-residence-area";
import { setResidenceArea } from "@/lib/checkin/set-residence-area";
import { apiHandler } from "@/lib/http/api-handler";

export const GET = apiHandler(routes.getResidenceArea, ({ actor, params }) => getResidenceArea(actor, params.id));
export const POST = apiHandler(routes.setResidenceArea, ({ actor, params, body }) => setResidenceArea(actor, params.id, body));
