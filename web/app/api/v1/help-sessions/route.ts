import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { scheduleHelpSession } from "@/lib/visits/schedule-help-session";

export const POST = apiHandler(routes.scheduleHelpSession, ({ actor, body }) => scheduleHelpSession(actor, body));
