import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { findPersonForFaces } from "./find-person-for-faces.ts";
import { toFaceEnrolmentDto } from "./to-face-enrolment-dto.ts";

/** A person's enrolments, newest first (metadata only: no photo bytes, no descriptor). */
export async function listFaceEnrolments(actor: Actor, personId: string) {
  const person = await findPersonForFaces(actor, personId);
  const db = await getDb();
  const rows = await db.faceEnrolment.findMany({
    where: { personId: person.id },
    orderBy: { enrolledAt: "desc" },
    omit: { photo: true, descriptor: true },
  });
  return { enrolments: rows.map(toFaceEnrolmentDto) };
}
