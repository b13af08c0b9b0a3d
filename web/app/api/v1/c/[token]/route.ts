import { routes } from "@/lib/api/routes";
import { openCheckInLink } from "@/lib/checkin/open-checkin-link";
import { apiHandler } from "@/lib/http/api-handler";

export const GET = apiHandler(routes.openCheckInLink, ({ params }) => openCheckInLink(params.token));
