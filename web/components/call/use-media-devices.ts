"use client";

import { useEffect, useState } from "react";

export interface DeviceLists {
  audio: MediaDeviceInfo[];
  video: MediaDeviceInfo[];
}

/**
 * Cameras and microphones, listed again when one is plugged in or out. Labels are empty until
 * the page has device permission, so `refreshKey` (the open tracks) triggers another listing.
 */
export function useMediaDevices(refreshKey: unknown): DeviceLists {
  const [devices, setDevices] = useState<DeviceLists>({ audio: [], video: [] });
  useEffect(() => {
    const media = navigator.mediaDevices;
    if (!media?.enumerateDevices) return;
    let cancelled = false;
    const list = () =>
      void media.enumerateDevices().then((all) => {
        if (cancelled) return;
        setDevices({
          audio: all.filter((d) => d.kind === "audioinput" && d.deviceId),
          video: all.filter((d) => d.kind === "videoinput" && d.deviceId),
        });
      });
    list();
    media.addEventListener("devicechange", list);
    return () => {
      cancelled = true;
      media.removeEventListener("devicechange", list);
    };
  }, [refreshKey]);
  return devices;
}
