"use client";

import { useEffect, useRef } from "react";

/**
 * A <video> showing one track. Always muted: sound plays through the audio elements, so a tile
 * that scrolls away or unmounts never cuts anyone's voice.
 */
export function TrackVideo({ track, mirror = false, fit = "cover", className = "" }: {
  track: MediaStreamTrack;
  mirror?: boolean;
  fit?: "cover" | "contain";
  className?: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = new MediaStream([track]);
    // Muted video may always autoplay; a refusal here only means the element is gone.
    video.play().catch(() => {});
    return () => {
      video.srcObject = null;
    };
  }, [track]);
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted
      className={`size-full bg-black ${fit === "cover" ? "object-cover" : "object-contain"} ${mirror ? "-scale-x-100" : ""} ${className}`}
    />
  );
}
