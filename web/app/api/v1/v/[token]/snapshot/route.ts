import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { storeHomeSnapshot } from "@/lib/visits/day/use-family-link";

export const POST = apiHandler(routes.storeHomeSnapshot, ({ params, body }) => storeHomeSnapshot(params.token, body.ticket, body.imageBase64));
