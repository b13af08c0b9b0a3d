import { routes } from "@/lib/api/routes";
import { checkInOptions } from "@/lib/checkin/checkin-options";
import { apiHandler } from "@/lib/http/api-handler";

export const POST = apiHandler(routes.checkInOptions, ({ params, request }) => checkInOptions(params.token, request));
