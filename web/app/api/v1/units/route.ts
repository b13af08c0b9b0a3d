import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { createUnit } from "@/lib/units/create-unit";
import { listUnitTree } from "@/lib/units/list-unit-tree";

export const GET = apiHandler(routes.unitTree, ({ actor }) => listUnitTree(actor));
export const POST = apiHandler(routes.createUnit, ({ actor, body }) => createUnit(actor, body));
