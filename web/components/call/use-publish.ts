"use client";

import { useEffect } from "react";
import type { Source } from "../../../server/src/protocol/entities.ts";
import type { CallSession } from "@/lib/media-client/call-session";

/**
 * Publishes a clone of a local track: the session owns (and stops) what it publishes, while the
 * original keeps feeding the self view and the device picker until the page lets it go.
 */
export function usePublish(session: CallSession | null, source: Source, track: MediaStreamTrack | null): void {
  useEffect(() => {
    if (!session || !track || track.readyState === "ended") return;
    const copy = track.clone();
    copy.enabled = track.enabled;
    void session.publish(source, copy);
  }, [session, source, track]);
}
