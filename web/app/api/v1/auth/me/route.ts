import { routes } from "@/lib/api/routes";
import { csrfTokenFor } from "@/lib/auth/session-token";
import { toMe } from "@/lib/auth/to-me";
import { config } from "@/lib/config";
import { apiHandler } from "@/lib/http/api-handler";

export const GET = apiHandler(routes.me, async ({ session }) =>
  toMe(session!.actor, csrfTokenFor(config().appSecret, session!.sessionId)),
);
