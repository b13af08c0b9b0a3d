import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { visitOptions } from "@/lib/visits/public-options";

export const GET = apiHandler(routes.visitOptions, () => visitOptions());
