"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { RemoteTrack } from "@/lib/media-client/call-state";

/**
 * Everyone's voice, one <audio> element per track. Browsers may refuse to start sound before
 * the user has touched the page (autoplay policy, strict on iOS): then one tap on the prompt
 * starts every element.
 */
export function RemoteAudio({ tracks }: { tracks: RemoteTrack[] }) {
  const t = useTranslations("call");
  const [blocked, setBlocked] = useState(false);
  const elements = useRef(new Map<string, HTMLAudioElement>());

  const play = useCallback((element: HTMLAudioElement) => {
    element.play().then(
      () => undefined,
      (error: DOMException) => {
        if (error.name === "NotAllowedError") setBlocked(true);
      },
    );
  }, []);

  const register = useCallback((consumerId: string, element: HTMLAudioElement | null) => {
    if (element) elements.current.set(consumerId, element);
    else elements.current.delete(consumerId);
  }, []);

  function enableSound() {
    setBlocked(false);
    for (const element of elements.current.values()) play(element);
  }

  const audio = tracks.filter((track) => track.kind === "audio");
  return (
    <>
      {audio.map((track) => (
        <AudioSink key={track.consumerId} consumerId={track.consumerId} track={track.track} register={register} play={play} />
      ))}
      {blocked && (
        <div className="fixed inset-x-0 top-16 z-30 flex justify-center px-3">
          <button
            type="button"
            onClick={enableSound}
            className="flex min-h-12 flex-col items-center rounded-lg bg-amber-400 px-5 py-2 text-center font-semibold text-slate-900 shadow-lg"
          >
            {t("enableSound")}
            <span className="text-xs font-normal">{t("enableSoundHint")}</span>
          </button>
        </div>
      )}
    </>
  );
}

function AudioSink({ consumerId, track, register, play }: {
  consumerId: string;
  track: MediaStreamTrack;
  register: (consumerId: string, element: HTMLAudioElement | null) => void;
  play: (element: HTMLAudioElement) => void;
}) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = new MediaStream([track]);
    register(consumerId, element);
    play(element);
    return () => {
      register(consumerId, null);
      element.srcObject = null;
    };
  }, [consumerId, track, register, play]);
  return <audio ref={ref} autoPlay />;
}
