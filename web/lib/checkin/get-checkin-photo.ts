import type { Actor } from "../auth/actor.ts";
import { readPersonPhoto } from "../faces/read-person-photo.ts";

/**
 * A self check-in's snapshot, for staff of the person's subtree (inspectors included: the photo is
 * part of the record they inspect, like roll-call evidence, not a credential); every view audited.
 */
export async function getCheckInPhoto(actor: Actor, personId: string, checkInId: string) {
  const row = await readPersonPhoto(actor, personId, {
    find: (tx, id) => tx.selfCheckIn.findFirst({ where: { id: checkInId, personId: id }, select: { photo: true, sha256: true } }),
    action: "checkin.photo_viewed",
    notFound: "Check-in not found",
    ref: { checkInId },
  });
  return { bytes: row.photo, sha256: row.sha256, mimeType: "image/jpeg" };
}
