import { routes } from "@/lib/api/routes";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiHandler } from "@/lib/http/api-handler";

export const GET = apiHandler(routes.openapi, async () => buildOpenApiDocument());
