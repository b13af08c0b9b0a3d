import { routes } from "@/lib/api/routes";
import { deleteFaceEnrolments } from "@/lib/faces/delete-face-enrolments";
import { enrolFace } from "@/lib/faces/enrol-face";
import { listFaceEnrolments } from "@/lib/faces/list-face-enrolments";
import { apiHandler } from "@/lib/http/api-handler";

export const GET = apiHandler(routes.listFaceEnrolments, ({ actor, params }) => listFaceEnrolments(actor, params.id));
export const POST = apiHandler(routes.enrolFace, ({ actor, params, body }) => enrolFace(actor, params.id, body));
export const DELETE = apiHandler(routes.deleteFaceEnrolments, ({ actor, params }) => deleteFaceEnrolments(actor, params.id));
