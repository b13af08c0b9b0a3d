import { createHash } from "node:crypto";
import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { ValidationError } from "../errors.ts";
import { compareSnapshot } from "../faces/compare-snapshot.ts";
import { assertStillLive } from "./assert-still-live.ts";
import { findLiveEntry } from "./find-live-entry.ts";

export const MAX_EVIDENCE_BYTES = 400 * 1024;

/**
 * A frame the officer's console captured from the person's received video, stored with the
 * challenge it answered and its SHA-256 (in the audit chain too), so it can be shown unaltered,
 * and with its match against the person's enrolled face (computed in the face engine's worker).
 */
export async function storeEvidence(actor: Actor, rollCallId: string, entryId: string, input: { jpegBase64: string; width: number; height: number }) {
  const { rollCall, entry } = await findLiveEntry(actor, rollCallId, entryId);
  const bytes = Buffer.from(input.jpegBase64, "base64");
  if (bytes.length > MAX_EVIDENCE_BYTES) throw new ValidationError("The snapshot is too large", { jpegBase64: "too_big" });
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) {
    throw new ValidationError("The snapshot is not a JPEG image", { jpegBase64: "not_jpeg" });
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const challenge = { kind: entry.challengeKind, value: entry.challengeValue, result: entry.challengeResult, issuedAt: entry.challengeIssuedAt, answeredAt: entry.answeredAt };
  // Before the transaction: the comparison takes up to seconds and needs no lock.
  const faceMatch = await compareSnapshot(entry.personId, bytes);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await assertStillLive(tx, rollCallId);
    const evidence = await tx.rollCallEvidence.create({
      data: { entryId: entry.id, mimeType: "image/jpeg", bytes, sha256, width: input.width, height: input.height, takenById: actor.userId, challenge: JSON.parse(JSON.stringify(challenge)), faceMatch },
    });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "rollcall.evidence",
      targetType: "RollCallEntry",
      targetId: entry.id,
      unitPath: rollCall.unit.path,
      data: { rollCallId, evidenceId: evidence.id, sha256, bytes: bytes.length, face: { status: faceMatch.status, ...("score" in faceMatch ? { score: faceMatch.score } : {}), ...("verdict" in faceMatch ? { verdict: faceMatch.verdict } : {}) } },
    });
    return { id: evidence.id, sha256, takenAt: evidence.takenAt.toISOString(), url: `/api/v1/rollcalls/${rollCallId}/entries/${entry.id}/evidence/${evidence.id}`, faceMatch };
  });
}
