import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { personAttendance } from "@/lib/rollcalls/person-attendance";

export const GET = apiHandler(routes.personAttendance, ({ actor, params }) => personAttendance(actor, params.id));
