import { routes } from "@/lib/api/routes";
import { getDb } from "@/lib/db/client";
import { apiHandler } from "@/lib/http/api-handler";

// Opens the database on the first call: load balancers (and the e2e server's readiness check)
// see "ready" only once a sign-in would be served at normal speed.
export const GET = apiHandler(routes.health, async () => {
  await (await getDb()).$queryRaw`SELECT 1`;
  return { status: "ok" as const };
});
