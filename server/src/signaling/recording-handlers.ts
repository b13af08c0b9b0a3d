import { MediaError } from "../errors.ts";
import { handle } from "./handle.ts";
import type { SignalingSession } from "./session.ts";

/** Start / stop recording: moderators only (`handle` refuses the others); the node decides the rest. */
export function registerRecordingHandlers(session: SignalingSession): void {
  const recordingOf = async () => {
    const { room } = await session.joinedPeer();
    const recordings = session.deps.recordings;
    if (!recordings) throw new MediaError("invalid_state", "This node does not record");
    return recordings.of(room);
  };

  handle(session, "startRecording", async () => (await recordingOf()).start());
  handle(session, "stopRecording", async () => (await recordingOf()).stop());
}
