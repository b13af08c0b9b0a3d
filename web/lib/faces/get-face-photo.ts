import type { Actor } from "../auth/actor.ts";
import { readPersonPhoto } from "./read-person-photo.ts";

/** An enrolled photo, for staff of the person's subtree; every view is written to the audit chain. */
export function getFacePhoto(actor: Actor, personId: string, enrolmentId: string) {
  return readPersonPhoto(actor, personId, {
    find: (tx, id) => tx.faceEnrolment.findFirst({ where: { id: enrolmentId, personId: id }, select: { photo: true, mimeType: true, sha256: true } }),
    action: "face.photo_viewed",
    notFound: "Enrolment not found",
    ref: { enrolmentId },
  });
}
