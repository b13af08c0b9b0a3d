import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { judgeChallenge } from "@/lib/rollcalls/judge-challenge";

export const POST = apiHandler(routes.judgeRollCallChallenge, ({ actor, params, body }) => judgeChallenge(actor, params.id, params.entryId, body.result));
