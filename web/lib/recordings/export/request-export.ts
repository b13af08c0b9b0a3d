import { assertRole, auditActor, type Actor } from "../../auth/actor.ts";
import { appendAuditEvent } from "../../audit/append-audit-event.ts";
import { getDb } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/unique-violation.ts";
import { ConflictError } from "../../errors.ts";
import { findArchiveRoom } from "../archive-scope.ts";
import { RECORDING_DOWNLOAD_ROLES } from "../open-recording-file.ts";
import { toExportDto } from "./export-dto.ts";
import { kickExportWorker } from "./export-worker.ts";

/**
 * Asks for a room's recording as one MP4. The same rules as the files (404 outside the archive's scope,
 * 403 for a role that may not take files away). One job per room: a request while one is queued
 * or running gets that one, and an export already done of the same files is handed back rather
 * than made again. Requests for one room queue on its row lock, and the partial unique index
 * (one pending export per room) holds even without it: 20 clicks at once are one job.
 */
export async function requestRecordingExport(actor: Actor, roomId: string) {
  const room = await findArchiveRoom(actor, roomId);
  assertRole(actor, RECORDING_DOWNLOAD_ROLES, "export recordings");
  const db = await getDb();
  const sources = (
    await db.recording.findMany({ where: { roomId, deletedAt: null, firstPacketAt: { not: null }, durationMs: { gt: 0 } }, select: { id: true }, orderBy: { id: "asc" } })
  ).map((r) => r.id);
  if (sources.length === 0) throw new ConflictError("This room has no recording to export", { recording: "none" });
  const outcome = await db
    .$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "Room" WHERE id = ${roomId} FOR UPDATE`;
      const pending = await tx.recordingExport.findFirst({ where: { roomId, state: { in: ["queued", "running"] } } });
      if (pending) return { row: pending, fresh: false };
      const done = await tx.recordingExport.findFirst({ where: { roomId, state: "done" }, orderBy: { requestedAt: "desc" } });
      if (done && sameIds(done.sources, sources)) return { row: done, fresh: false };
      const row = await tx.recordingExport.create({ data: { roomId, requestedById: actor.userId, sources } });
      await appendAuditEvent(tx, auditActor(actor), {
        action: "recording.export_requested",
        targetType: "Room",
        targetId: roomId,
        unitPath: room.unit.path,
        data: { exportId: row.id, files: sources.length },
      });
      return { row, fresh: true };
    })
    .catch(async (error) => {
      // Another portal's request won the index between our read and our insert: that job is ours too.
      if (!isUniqueViolation(error)) throw error;
      return { row: await db.recordingExport.findFirstOrThrow({ where: { roomId, state: { in: ["queued", "running"] } } }), fresh: false };
    });
  if (outcome.fresh) kickExportWorker();
  return toExportDto(outcome.row);
}

function sameIds(stored: unknown, ids: string[]): boolean {
  return Array.isArray(stored) && stored.length === ids.length && [...stored].sort().every((id, i) => id === ids[i]);
}
