import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError, ConflictError } from "../errors.ts";
import { findArchiveRoom, notFoundAs } from "./archive-scope.ts";
import { RECORDING_DOWNLOAD_ROLES } from "./open-recording-file.ts";

/**
 * Places or lifts a legal hold: a held recording outlives its retention period. Only a change is
 * audited (the same request twice, or 100 at once, is one change: the update is conditional).
 */
export async function setLegalHold(actor: Actor, recordingId: string, hold: boolean) {
  const db = await getDb();
  const recording = await db.recording.findFirst({
    where: { id: recordingId },
    select: { id: true, roomId: true, file: true, deletedAt: true, room: { select: { unit: { select: { path: true } } } } },
  });
  if (!recording) throw new NotFoundError("Recording not found");
  await findArchiveRoom(actor, recording.roomId).catch(notFoundAs("Recording not found"));
  assertRole(actor, RECORDING_DOWNLOAD_ROLES, "place or lift a legal hold");
  await db.$transaction(async (tx) => {
    const { count } = await tx.recording.updateMany({ where: { id: recording.id, legalHold: !hold, deletedAt: null }, data: { legalHold: hold } });
    if (count === 0) {
      const current = await tx.recording.findUniqueOrThrow({ where: { id: recording.id }, select: { deletedAt: true } });
      if (current.deletedAt) throw new ConflictError("The recording was already deleted by the retention job");
      return;
    }
    await appendAuditEvent(tx, auditActor(actor), {
      action: hold ? "recording.legal_hold_placed" : "recording.legal_hold_lifted",
      targetType: "Recording",
      targetId: recording.id,
      unitPath: recording.room.unit.path,
      data: { file: recording.file },
    });
  });
  return { id: recording.id, legalHold: hold };
}
