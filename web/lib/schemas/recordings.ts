import { z } from "zod";

/** One recorded track file as the archive lists it (the file itself: `downloadRecording`). */
export const ZRecording = z
  .object({
    id: z.string(),
    identity: z.string(),
    name: z.string(),
    source: z.string(),
    kind: z.string(),
    codec: z.string(),
    sequence: z.number().int(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    firstPacketAt: z.string().nullable(),
    /** Wall-clock time of the file's time 0, lined up from the node's sender reports when it has them (playback places the file here). */
    startAt: z.string().nullable(),
    alignedBy: z.enum(["sender_reports", "first_packet", "none"]),
    endedAt: z.string(),
    durationMs: z.number().int(),
    endReason: z.string(),
    gap: z.object({ from: z.string(), to: z.string().nullable() }).nullable(),
    legalHold: z.boolean(),
    deletedAt: z.string().nullable(),
  })
  .meta({ id: "Recording" });

export const ZRecordingList = z.object({ items: z.array(ZRecording) }).meta({ id: "RecordingList" });

export const ZLegalHoldBody = z.strictObject({ hold: z.boolean() }).meta({ id: "LegalHoldBody" });
export const ZLegalHold = z.object({ id: z.string(), legalHold: z.boolean() }).meta({ id: "LegalHold" });
