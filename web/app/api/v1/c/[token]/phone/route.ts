import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { routes } from "@/lib/api/routes";
import { registerPhone } from "@/lib/checkin/phone-registration";
import { apiHandler } from "@/lib/http/api-handler";

export const POST = apiHandler(routes.registerPhone, ({ params, request, body }) => registerPhone(params.token, request, body as RegistrationResponseJSON));
