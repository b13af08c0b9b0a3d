import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { duplicateAs } from "../db/unique-violation.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import type { TFaceEnrolBody } from "../schemas/faces.ts";
import { FACE_PROBLEM_MESSAGES, oneClearFace } from "./clear-face.ts";
import { decodeJpegUpload } from "./decode-jpeg-upload.ts";
import { descriptorToBytes } from "./descriptor-bytes.ts";
import { findPersonForFaces } from "./find-person-for-faces.ts";
import { scanOrRefuse } from "./scan-or-refuse.ts";
import { toFaceEnrolmentDto } from "./to-face-enrolment-dto.ts";

/**
 * An officer enrols a person's reference face: the photo must show exactly one clear face; it is
 * stored with its descriptor and SHA-256 (also in the audit chain). A previous enrolment is kept
 * as history (superseded), never overwritten.
 */
export async function enrolFace(actor: Actor, personId: string, input: TFaceEnrolBody) {
  const person = await findPersonForFaces(actor, personId);
  assertRole(actor, ["admin", "officer"], "enrol faces");
  const { bytes, sha256 } = decodeJpegUpload(input.jpegBase64);
  // The scan runs in the face engine's worker thread, before the transaction: it takes seconds
  // under load and holds no lock.
  const scan = await scanOrRefuse(bytes, 0.5);
  const clear = oneClearFace(scan);
  if ("problem" in clear) throw new ValidationError(FACE_PROBLEM_MESSAGES[clear.problem], { jpegBase64: clear.problem });
  const { face } = clear;

  const db = await getDb();
  return db
    .$transaction(async (tx) => {
      // One enrolment of a person at a time: the second waits, then supersedes the first.
      await tx.$queryRaw`SELECT 1 FROM "SupervisedPerson" WHERE id = ${person.id} FOR UPDATE`;
      const now = new Date();
      const previous = await tx.faceEnrolment.updateManyAndReturn({ where: { personId: person.id, supersededAt: null }, data: { supersededAt: now }, select: { id: true } });
      const created = await tx.faceEnrolment.create({
        data: {
          personId: person.id,
          mimeType: "image/jpeg",
          photo: bytes,
          sha256,
          width: scan.width,
          height: scan.height,
          descriptor: descriptorToBytes(face.descriptor),
          faceScore: face.score,
          source: input.source,
          enrolledById: actor.userId,
        },
      });
      await appendAuditEvent(tx, auditActor(actor), {
        action: "face.enrolled",
        targetType: "SupervisedPerson",
        targetId: person.id,
        unitPath: person.unit.path,
        data: { enrolmentId: created.id, sha256, bytes: bytes.length, source: input.source, faceScore: Math.round(face.score * 1000) / 1000, superseded: previous.map((p) => p.id) },
      });
      return toFaceEnrolmentDto(created);
    })
    .catch(duplicateAs(() => new ConflictError("Another enrolment of this person was saved at the same moment; reload and check")));
}
