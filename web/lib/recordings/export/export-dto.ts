import type { z } from "zod";
import type { ZRecordingExport } from "../../schemas/recording-exports.ts";

type Row = {
  id: string;
  roomId: string;
  state: string;
  progress: number;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  sources: unknown;
  sizeBytes: bigint | null;
  sha256: string | null;
  error: string | null;
};

export function toExportDto(row: Row): z.infer<typeof ZRecordingExport> {
  return {
    id: row.id,
    roomId: row.roomId,
    state: row.state as z.infer<typeof ZRecordingExport>["state"],
    progress: row.state === "done" ? 100 : row.progress,
    requestedAt: row.requestedAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    files: Array.isArray(row.sources) ? row.sources.length : 0,
    sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
    sha256: row.sha256,
    error: row.error,
  };
}
