import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { issueJoinGrantByCode } from "@/lib/rooms/issue-join-grant";

export const POST = apiHandler(routes.joinByCode, ({ session, params, body }) =>
  issueJoinGrantByCode(params.code, session?.actor ?? null, body),
);
