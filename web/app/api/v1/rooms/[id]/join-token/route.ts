import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { issueStaffJoinGrant } from "@/lib/rooms/issue-join-grant";

export const POST = apiHandler(routes.roomJoinToken, ({ actor, params }) => issueStaffJoinGrant(actor, params.id));
