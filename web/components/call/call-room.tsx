"use client";

import { useEffect } from "react";
import type { CallSession } from "@/lib/media-client/call-session";
import type { CallState } from "@/lib/media-client/call-state";
import { CallView } from "./call-view";
import { EndedScreen } from "./ended-screen";
import { LobbyScreen } from "./lobby-screen";

/** One call, from connecting to ended: the phase decides the screen. */
export function CallRoom({ session, state, roomTitle, selfName, cameraTrack, backHref, onEnded, onRestart }: {
  session: CallSession | null;
  state: CallState;
  roomTitle: string;
  /** Our name before the node confirms it (the self view shows from the start). */
  selfName: string;
  cameraTrack: MediaStreamTrack | null;
  backHref: string | null;
  onEnded: () => void;
  onRestart: () => void;
}) {
  const ended = state.phase === "ended";
  useEffect(() => {
    if (ended) onEnded();
  }, [ended, onEnded]);

  switch (state.phase) {
    case "lobby":
      return <LobbyScreen roomTitle={roomTitle} onLeave={() => void session?.leave()} />;
    case "ended":
      return <EndedScreen reason={state.ended ?? { kind: "left" }} onRestart={onRestart} backHref={backHref} />;
    default:
      // Connecting too: the call screen is built while the join's round trips are under way, so
      // its first render is not on the way to the first picture.
      return (
        <CallView
          session={session}
          state={state}
          roomTitle={roomTitle}
          selfName={selfName}
          cameraTrack={cameraTrack}
          onLeave={() => void session?.leave()}
        />
      );
  }
}
