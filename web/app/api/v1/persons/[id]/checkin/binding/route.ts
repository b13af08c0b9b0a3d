import { routes } from "@/lib/api/routes";
import { openPhoneBinding } from "@/lib/checkin/open-phone-binding";
import { apiHandler } from "@/lib/http/api-handler";

export const POST = apiHandler(routes.openPhoneBinding, ({ actor, params }) => openPhoneBinding(actor, params.id));
