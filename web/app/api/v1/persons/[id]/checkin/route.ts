import { routes } from "@/lib/api/routes";
import { getCheckInPlan } from "@/lib/checkin/get-checkin-plan";
import { setCheckInPlan } from "@/lib/checkin/set-checkin-plan";
import { apiHandler } from "@/lib/http/api-handler";

export const GET = apiHandler(routes.getCheckInPlan, ({ actor, params }) => getCheckInPlan(actor, params.id));
export const POST = apiHandler(routes.setCheckInPlan, ({ actor, params, body }) => setCheckInPlan(actor, params.id, body));
