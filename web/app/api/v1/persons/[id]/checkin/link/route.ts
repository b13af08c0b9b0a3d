import { routes } from "@/lib/api/routes";
import { reissueCheckInLink } from "@/lib/checkin/reissue-checkin-link";
import { apiHandler } from "@/lib/http/api-handler";

export const POST = apiHandler(routes.reissueCheckInLink, ({ actor, params }) => reissueCheckInLink(actor, params.id));
