import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { getUnitOrThrow } from "@/lib/units/get-unit-or-throw";
import { toUnitDto } from "@/lib/units/to-unit-dto";
import { updateUnit } from "@/lib/units/update-unit";

export const GET = apiHandler(routes.getUnit, async ({ actor, params }) => toUnitDto(await getUnitOrThrow(actor, params.id)));
export const PATCH = apiHandler(routes.updateUnit, ({ actor, params, body }) => updateUnit(actor, params.id, body));
