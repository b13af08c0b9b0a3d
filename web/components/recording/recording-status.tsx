"use client";

import { RecordingIndicator, recordingStateOf } from "@/components/visit-room/recording-indicator";
import type { CallState } from "@/lib/media-client/call-state";

/**
 * "录音录像中" for any call page (meeting, roll-call console, the person's roll-call page, visits),
 * driven by the node's `recordingState`. Renders nothing while the room is not recorded.
 */
export function RecordingStatus({ state, className = "" }: { state: Pick<CallState, "mustRecord" | "privileged" | "recording">; className?: string }) {
  const shown = recordingStateOf(state);
  if (shown === "off") return null;
  return (
    <div className={`flex justify-center ${className}`}>
      <RecordingIndicator state={shown} />
    </div>
  );
}
