import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { getWorkbench } from "@/lib/workbench/get-workbench";

export const GET = apiHandler(routes.getWorkbench, ({ actor }) => getWorkbench(actor));
