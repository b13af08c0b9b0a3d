import { createHash } from "node:crypto";
import { auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { lockRollCallEntry, shareRollCall } from "../db/lock-row.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { EXCUSE_ATTACHMENT_MAX_BYTES } from "../schemas/rollcalls.ts";
import { sniffProofType } from "../visits/proof-type.ts";
import { assertRunsRollCall } from "./assert-runs-roll-call.ts";
import { attachmentUrl } from "./attachment-url.ts";
import { findRollCallInScope } from "./get-roll-call.ts";

/**
 * The document behind a 请假 (a sick note, a leave approval), during the roll call or after it:
 * its type is read from its bytes (JPEG, PNG, WebP or PDF), never from a name, and it is kept
 * unaltered with its SHA-256, which the audit chain records too. Only for a person marked 请假:
 * the document explains that mark.
 */
export async function attachExcuseDocument(actor: Actor, rollCallId: string, entryId: string, input: { fileBase64: string }) {
  const rollCall = await findRollCallInScope(actor, rollCallId);
  assertRunsRollCall(actor, rollCall);
  const bytes = Buffer.from(input.fileBase64, "base64");
  if (bytes.length > EXCUSE_ATTACHMENT_MAX_BYTES) throw new ValidationError("The document is larger than 5 MB", { fileBase64: "too_large" });
  const mimeType = sniffProofType(bytes);
  if (!mimeType) throw new ValidationError("The document must be a JPEG, PNG or WebP image or a PDF", { fileBase64: "unsupported_type" });
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const current = await shareRollCall(tx, rollCallId);
    if (current.state === "cancelled") throw new ConflictError("This roll call was cancelled");
    // Under the entry's lock: a mark changing 请假 to something else waits, or wins first.
    await lockRollCallEntry(tx, entryId);
    const entry = await tx.rollCallEntry.findFirst({ where: { id: entryId, rollCallId }, select: { id: true, personId: true, status: true } });
    if (!entry) throw new NotFoundError("Roster entry not found");
    if (entry.status !== "excused") throw new ConflictError("Mark the person 请假 first: the document explains that mark", { status: "not_excused" });
    const stored = await tx.rollCallAttachment.create({ data: { entryId, mimeType, bytes, sha256, size: bytes.length, uploadedById: actor.userId } });
    await appendAuditEvent(tx, auditActor(actor), {
      action: "rollcall.excuse_attachment",
      targetType: "RollCallEntry",
      targetId: entryId,
      unitPath: rollCall.unit.path,
      data: { rollCallId, personId: entry.personId, attachmentId: stored.id, sha256, bytes: bytes.length, mimeType },
    });
    return { id: stored.id, mimeType, sha256, size: stored.size, uploadedAt: stored.uploadedAt.toISOString(), url: attachmentUrl(rollCallId, entryId, stored.id) };
  });
}

/** A 请假 document, for staff of the roll call's subtree (inspectors read records too). */
export async function getExcuseDocument(actor: Actor, rollCallId: string, entryId: string, attachmentId: string) {
  await findRollCallInScope(actor, rollCallId);
  const db = await getDb();
  const found = await db.rollCallAttachment.findFirst({ where: { id: attachmentId, entryId, entry: { rollCallId } } });
  if (!found) throw new NotFoundError("Document not found");
  return found;
}
