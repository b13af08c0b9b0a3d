import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { freeSlots } from "@/lib/visits/public-options";

export const GET = apiHandler(routes.visitFreeSlots, ({ query }) => freeSlots(query));
