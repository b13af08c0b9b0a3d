"use client";

import type { CallState } from "@/lib/media-client/call-state";
import { PrivilegedNotice } from "./privileged-notice";
import { RecordingIndicator, recordingStateOf } from "./recording-indicator";
import { RoomNoticeBanner } from "./room-notice-banner";
import { VisitCountdown } from "./visit-countdown";

/**
 * Everything a timed, watched room shows above the tiles: time left, "录音录像中" or the
 * privileged notice, and the monitor's latest notice. Renders nothing for a room with none of
 * these (an ad-hoc meeting), so any call view can carry it.
 */
export function VisitRoomStatus({ state }: { state: CallState }) {
  const recording = recordingStateOf(state);
  const timed = state.clock.deadline !== null;
  if (!timed && recording === "off" && !state.privileged && state.notices.length === 0) return null;
  return (
    <>
      <div className="flex flex-wrap items-center justify-center gap-2 px-3 pb-1" data-testid="visit-room-status">
        {timed && <VisitCountdown clock={state.clock} warning={state.timeWarning} />}
        <RecordingIndicator state={recording} />
        {state.privileged && <PrivilegedNotice compact />}
      </div>
      <RoomNoticeBanner notices={state.notices} />
    </>
  );
}
