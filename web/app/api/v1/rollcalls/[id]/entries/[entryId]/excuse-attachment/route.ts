import { routes } from "@/lib/api/routes";
import { apiHandler } from "@/lib/http/api-handler";
import { attachExcuseDocument } from "@/lib/rollcalls/attach-excuse-document";

export const POST = apiHandler(routes.attachExcuseDocument, ({ actor, params, body }) => attachExcuseDocument(actor, params.id, params.entryId, body));
