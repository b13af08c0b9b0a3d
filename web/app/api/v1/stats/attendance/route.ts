import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { attendanceStats } from "@/lib/rollcalls/attendance-stats";

export const GET = apiHandler(routes.attendanceStats, ({ actor, query }) => attendanceStats(actor, query));
