"use client";

import { useEffect, useState } from "react";
import type { DeviceChoice } from "@/lib/client/join-grant";

export type MediaProblem = "denied" | "no_device" | "insecure" | "failed";

export interface LocalMedia {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  /** Why we have less than both devices; null when both work. */
  problem: MediaProblem | null;
  /** false while the browser is still opening the devices. */
  ready: boolean;
}

const NOTHING: LocalMedia = { audio: null, video: null, problem: null, ready: true };

// VGA is plenty for grid tiles and the spotlight (sent as 240 + 480 lines), and keeps encoding
// affordable on the low-end PCs and phones of justice offices. "ideal" picks the camera's own mode
// nearest VGA; resizeMode "none" stops Chromium from cropping a 16:9 camera to 4:3 and rescaling
// every frame to reach it: a camera with no mode near VGA (a 720p-only webcam) is sent as it
// captures, and the simulcast layers follow that real size (camera-encodings.ts).
// Without rescaling a "max" frame rate could not be met by a camera that only offers 60 fps, so
// the rate is only "ideal". (resizeMode is not in TypeScript's DOM types; browsers without it
// ignore it.)
const videoConstraints = (deviceId: string | null): MediaTrackConstraints => ({
  ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  width: { ideal: 640 },
  height: { ideal: 480 },
  frameRate: { ideal: 24 },
  ...({ resizeMode: "none" } as MediaTrackConstraints),
});

const audioConstraints = (deviceId: string | null): MediaTrackConstraints => ({
  ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
});

/**
 * The camera and microphone the user chose, opened once per choice; the previous tracks are
 * stopped when the choice changes and when the owner unmounts. null = no devices at all (an
 * observer). A missing or refused device degrades to what is left, with the reason.
 */
export function useLocalMedia(choice: DeviceChoice | null): LocalMedia {
  const [media, setMedia] = useState<LocalMedia>(choice ? { ...NOTHING, ready: false } : NOTHING);
  const audioId = choice?.audioId ?? null;
  const videoId = choice?.videoId ?? null;
  const wanted = choice !== null;

  useEffect(() => {
    if (!wanted) {
      setMedia(NOTHING);
      return;
    }
    let cancelled = false;
    let opened: MediaStreamTrack[] = [];
    setMedia((current) => ({ ...current, ready: false }));
    void openDevices(audioId, videoId).then((result) => {
      opened = [result.audio, result.video].filter((t): t is MediaStreamTrack => t !== null);
      if (cancelled) opened.forEach((track) => track.stop());
      else setMedia({ ...result, ready: true });
    });
    return () => {
      cancelled = true;
      opened.forEach((track) => track.stop());
    };
  }, [wanted, audioId, videoId]);

  return media;
}

async function openDevices(audioId: string | null, videoId: string | null): Promise<Omit<LocalMedia, "ready">> {
  if (!navigator.mediaDevices?.getUserMedia) return { audio: null, video: null, problem: "insecure" };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: audioConstraints(audioId), video: videoConstraints(videoId) });
    return { audio: stream.getAudioTracks()[0] ?? null, video: stream.getVideoTracks()[0] ?? null, problem: null };
  } catch (error) {
    const name = (error as DOMException).name;
    if (name === "NotAllowedError" || name === "SecurityError") return { audio: null, video: null, problem: "denied" };
    // A device chosen earlier (kept for a reload) is gone: take whatever the system offers now.
    if ((audioId || videoId) && (name === "OverconstrainedError" || name === "NotFoundError")) return openDevices(null, null);
    // One device missing or busy: keep the other one.
    const [audio, video] = await Promise.all([
      openOne({ audio: audioConstraints(audioId) }),
      openOne({ video: videoConstraints(videoId) }),
    ]);
    return { audio, video, problem: name === "NotFoundError" || name === "OverconstrainedError" ? "no_device" : "failed" };
  }
}

async function openOne(constraints: MediaStreamConstraints): Promise<MediaStreamTrack | null> {
  try {
    return (await navigator.mediaDevices.getUserMedia(constraints)).getTracks()[0] ?? null;
  } catch {
    return null;
  }
}
