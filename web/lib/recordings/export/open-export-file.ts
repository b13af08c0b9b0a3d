import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { assertRole, auditActor, type Actor } from "../../auth/actor.ts";
import { appendAuditEvent } from "../../audit/append-audit-event.ts";
import { getDb } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import { findArchiveRoom, notFoundAs } from "../archive-scope.ts";
import { RECORDING_DOWNLOAD_ROLES } from "../open-recording-file.ts";
import { recordingPath, recordingsDir } from "../recordings-dir.ts";

/** A finished export's MP4: the originals' rules (404 outside the archive's scope, 403 for inspectors), audited before a byte leaves. */
export async function openExportFile(actor: Actor, exportId: string) {
  const db = await getDb();
  const row = await db.recordingExport.findFirst({
    where: { id: exportId, state: "done" },
    include: { room: { select: { title: true, unit: { select: { path: true } } } } },
  });
  if (!row?.file) throw new NotFoundError("Export not found");
  await findArchiveRoom(actor, row.roomId).catch(notFoundAs("Export not found"));
  assertRole(actor, RECORDING_DOWNLOAD_ROLES, "download recordings");
  const full = recordingPath(recordingsDir(), row.file);
  const size = await stat(full).then((s) => (s.isFile() ? s.size : null), () => null);
  if (size === null) throw new NotFoundError("The export's file is missing from the archive");
  await db.$transaction((tx) =>
    appendAuditEvent(tx, auditActor(actor), {
      action: "recording.export_download",
      targetType: "Room",
      targetId: row.roomId,
      unitPath: row.room.unit.path,
      data: { exportId: row.id, file: row.file, sha256: row.sha256 },
    }),
  );
  return { stream: createReadStream(full), size, sha256: row.sha256 ?? "", name: `${row.id}.mp4` };
}
