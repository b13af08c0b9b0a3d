import { z } from "zod";

/**
 * What the room's recording indicator shows, decided by the node alone: `recording` only while
 * writers are really writing; `failed` when a recording that was asked for is not being made
 * (a writer that cannot start, the disk below its floor); `off` otherwise.
 */
export const ZRecordingState = z.object({
  state: z.enum(["off", "recording", "failed"]),
  /** Why it is failed or off (e.g. "storage_full", "stopped", "writer_failed"); null while recording. */
  reason: z.string().nullable(),
  /** Whether the room must be recorded (visits, 帮教): a moderator cannot stop it. */
  required: z.boolean(),
  /** Whether the room may never be recorded (privileged visits). */
  forbidden: z.boolean(),
  /** Since when the current state holds (ISO time). */
  since: z.string(),
});
export type RecordingState = z.infer<typeof ZRecordingState>;
