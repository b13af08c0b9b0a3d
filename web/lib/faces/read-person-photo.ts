import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import type { Tx } from "../db/transaction.ts";
import { NotFoundError } from "../errors.ts";
import { findPersonForFaces } from "./find-person-for-faces.ts";

interface PhotoRead<T extends { sha256: string }> {
  /** Reads the photo, limited to this person; null when it is not theirs or does not exist. */
  find: (tx: Tx, personId: string) => Promise<T | null>;
  action: "face.photo_viewed" | "checkin.photo_viewed";
  notFound: string;
  /** Names the photo in the audit event (its id under the caller's own key). */
  ref: Record<string, string>;
}

/**
 * A person's photo for staff of the person's subtree. Faces are personal data, so the view is an
 * audit event in the same transaction as the read, written before the bytes leave.
 */
export async function readPersonPhoto<T extends { sha256: string }>(actor: Actor, personId: string, read: PhotoRead<T>): Promise<T> {
  const person = await findPersonForFaces(actor, personId);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const row = await read.find(tx, person.id);
    if (!row) throw new NotFoundError(read.notFound);
    await appendAuditEvent(tx, auditActor(actor), {
      action: read.action,
      targetType: "SupervisedPerson",
      targetId: person.id,
      unitPath: person.unit.path,
      data: { ...read.ref, sha256: row.sha256 },
    });
    return row;
  });
}
