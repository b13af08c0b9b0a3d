import type { CallState } from "@/lib/media-client/call-state";

/** What the moderator's button does now: nothing where the room's terms fix the recording. */
export function recordingAction(state: Pick<CallState, "recording" | "privileged">): "start" | "stop" | "none" {
  const recording = state.recording;
  if (!recording || state.privileged || recording.forbidden || recording.required) return "none";
  return recording.state === "recording" ? "stop" : "start";
}

export const RECORDING_PROBLEMS = ["storage_full", "writer_failed", "forbidden", "other"] as const;
export type RecordingProblem = (typeof RECORDING_PROBLEMS)[number];

/**
 * What the moderator must be told: a refused request (its error code) first, else a recording
 * the node reports as failed. storage_full gets its own words: the officer cannot fix it from
 * the call, an administrator frees space on the recordings disk.
 */
export function recordingProblem(state: Pick<CallState, "recording">, refusedCode: string | null): RecordingProblem | null {
  const recording = state.recording;
  const reported = recording?.state === "failed" ? (recording.reason ?? "other") : recording?.reason === "storage_full" ? "storage_full" : null;
  const reason = refusedCode ?? reported;
  if (reason === null) return null;
  if (reason === "storage_full" || reason === "writer_failed") return reason;
  if (reason === "forbidden" || reason === "privileged") return "forbidden";
  return "other";
}
