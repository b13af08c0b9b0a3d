"use client";

import { useTranslations } from "next-intl";
import type { RecordingState as NodeRecordingState } from "../../../server/src/protocol/recording.ts";

/**
 * What the "录音录像中" badge shows. Until the recorder (issue 10) reports its real state the node
 * only says the room must be recorded ("required"); the recorder will report "recording" or
 * "failed" (a failed recording must never show as running).
 */
export type RecordingState = "recording" | "required" | "failed" | "off";

export function recordingStateOf(room: { mustRecord: boolean; privileged: boolean; recording?: NodeRecordingState | null }): RecordingState {
  if (room.privileged) return "off";
  // Once the node has spoken, only its word counts: "recording" while writers write, "failed"
  // when a recording that was asked for is not being made (storage_full, writer_failed).
  if (room.recording) return room.recording.state;
  return room.mustRecord ? "required" : "off";
}

export function RecordingIndicator({ state }: { state: RecordingState }) {
  const t = useTranslations("visitRoom.recording");
  if (state === "off") return null;
  const failed = state === "failed";
  return (
    <p
      className={`inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-sm font-medium shadow ${failed ? "bg-amber-400 text-slate-900" : "bg-red-600 text-white"}`}
      data-testid="recording-indicator"
      data-state={state}
      title={failed ? undefined : t("hint")}
      role="status"
    >
      <span className={`size-2.5 rounded-full ${failed ? "bg-slate-900" : "animate-pulse bg-white"}`} aria-hidden="true" />
      {t(state)}
    </p>
  );
}
