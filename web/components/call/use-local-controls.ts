"use client";

import { useCallback } from "react";
import type { CallSession } from "@/lib/media-client/call-session";
import type { CallState } from "@/lib/media-client/call-state";

/** Phones cannot share their screen from a browser; desktops can, if the API is there. */
export function screenShareSupported(): boolean {
  if (typeof navigator === "undefined" || !navigator.mediaDevices?.getDisplayMedia) return false;
  return !/Android|iPhone|iPad|iPod|Mobile/i.test(navigator.userAgent);
}

/**
 * Our own microphone, camera and screen during the call. Muting pauses the producer (no
 * renegotiation); turning the camera off also disables the preview track so the camera light
 * can go out.
 */
export function useLocalControls(session: CallSession | null, state: CallState, cameraTrack: MediaStreamTrack | null, onRefused: () => void) {
  const toggleMic = useCallback(async () => {
    const mic = state.local.mic;
    if (!session || !mic) return;
    if (mic.mutedByModerator) return onRefused();
    await session.setPaused("mic", !mic.paused);
  }, [session, state.local.mic, onRefused]);

  const toggleCamera = useCallback(async () => {
    const camera = state.local.camera;
    if (!session || !camera) return;
    if (camera.mutedByModerator) return onRefused();
    const pausing = !camera.paused;
    await session.setPaused("camera", pausing);
    if (cameraTrack) cameraTrack.enabled = !pausing;
  }, [session, state.local.camera, cameraTrack, onRefused]);

  const toggleScreen = useCallback(async () => {
    if (!session) return;
    if (state.local.screen) {
      await session.publish("screen", null);
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15, max: 15 } }, audio: false });
      const track = stream.getVideoTracks()[0];
      // Text on a shared screen must stay sharp: favour resolution over motion.
      if (track) {
        track.contentHint = "detail";
        await session.publish("screen", track);
      }
    } catch {
      // The user closed the picker: nothing to share, nothing to say.
    }
  }, [session, state.local.screen]);

  return { toggleMic, toggleCamera, toggleScreen };
}
