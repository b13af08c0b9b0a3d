import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { assertRole, auditActor, type Actor } from "../auth/actor.ts";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { parseByteRange } from "../http/byte-range.ts";
import { findArchiveRoom, notFoundAs } from "./archive-scope.ts";
import { recordingPath, recordingsDir } from "./recordings-dir.ts";

/** Who may take an original file away: staff who run rooms, not inspectors (they watch only). */
export const RECORDING_DOWNLOAD_ROLES = ["admin", "officer"] as const;

/**
 * An original recording file for download or playback: 404 outside the archive's scope
 * (`findArchiveRoom`), 403 for a role that may not download, and every
 * request is in the audit chain before a byte leaves. A media element asks for byte ranges (to
 * start, to seek, to read the cues at the end): each range is served and audited as
 * `recording.stream` with its bytes, a whole file as `recording.download`. Inspectors get
 * neither: bytes sent to a player can be saved as easily as a download.
 */
export async function openRecordingFile(actor: Actor, recordingId: string, rangeHeader: string | null = null) {
  const db = await getDb();
  const recording = await db.recording.findFirst({
    where: { id: recordingId, deletedAt: null },
    include: { room: { select: { unit: { select: { path: true } } } } },
  });
  if (!recording) throw new NotFoundError("Recording not found");
  await findArchiveRoom(actor, recording.roomId).catch(notFoundAs("Recording not found"));
  assertRole(actor, RECORDING_DOWNLOAD_ROLES, "download recordings");
  const full = recordingPath(recordingsDir(), recording.file);
  const size = await stat(full).then((s) => (s.isFile() ? s.size : null), () => null);
  // The row stays (it is evidence that the file existed); recordings:verify reports the loss.
  if (size === null) throw new NotFoundError("The recording file is missing from the archive");
  const range = parseByteRange(rangeHeader, size);
  if (range === "unsatisfiable") return { unsatisfiable: true as const, size };
  await db.$transaction((tx) =>
    appendAuditEvent(tx, auditActor(actor), {
      action: range ? "recording.stream" : "recording.download",
      targetType: "Recording",
      targetId: recording.id,
      unitPath: recording.room.unit.path,
      data: { file: recording.file, sha256: recording.sha256, ...(range ? { bytes: `${range.start}-${range.end}` } : {}) },
    }),
  );
  const name = recording.file.split("/").at(-1)!;
  const mimeType = recording.file.endsWith(".mkv") ? "video/x-matroska" : recording.kind === "audio" ? "audio/webm" : "video/webm";
  return {
    unsatisfiable: false as const,
    stream: range ? createReadStream(full, { start: range.start, end: range.end }) : createReadStream(full),
    range,
    size,
    name,
    mimeType,
    sha256: recording.sha256,
  };
}
