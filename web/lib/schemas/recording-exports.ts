import { z } from "zod";

/** An "export as one MP4" job of a room's recording and, once done, its file's hash. */
export const ZRecordingExport = z
  .object({
    id: z.string(),
    roomId: z.string(),
    /** `deleted`: its file went with its sources under the retention policy (the record stays). */
    state: z.enum(["queued", "running", "done", "failed", "deleted"]),
    /** 0–100 while running (ffmpeg's progress), 100 when done. */
    progress: z.number().int(),
    requestedAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    files: z.number().int(),
    sizeBytes: z.number().int().nullable(),
    sha256: z.string().nullable(),
    /** Why it failed, in words for the page. */
    error: z.string().nullable(),
  })
  .meta({ id: "RecordingExport" });

/** The room's latest export (null before anyone asked for one). */
export const ZRecordingExportStatus = z.object({ export: ZRecordingExport.nullable() }).meta({ id: "RecordingExportStatus" });
