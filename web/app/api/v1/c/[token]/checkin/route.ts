import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { routes } from "@/lib/api/routes";
import { submitCheckIn } from "@/lib/checkin/submit-checkin";
import { apiHandler } from "@/lib/http/api-handler";

export const POST = apiHandler(routes.submitCheckIn, ({ params, request, body }) =>
  submitCheckIn(params.token, request, { ...body, assertion: body.assertion as AuthenticationResponseJSON }),
);
