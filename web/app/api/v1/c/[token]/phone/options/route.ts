import { routes } from "@/lib/api/routes";
import { phoneRegistrationOptions } from "@/lib/checkin/phone-registration";
import { apiHandler } from "@/lib/http/api-handler";

export const POST = apiHandler(routes.phoneRegistrationOptions, ({ params, request }) => phoneRegistrationOptions(params.token, request));
