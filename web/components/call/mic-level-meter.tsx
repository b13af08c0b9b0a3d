"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

/**
 * A live bar of the microphone's loudness (WebAudio AnalyserNode), so people see that the right
 * microphone picks them up before they join. It draws straight into the DOM on each animation
 * frame: sixty React renders a second would be wasted work.
 */
export function MicLevelMeter({ track }: { track: MediaStreamTrack | null }) {
  const t = useTranslations("join");
  const barRef = useRef<HTMLDivElement>(null);
  const meterRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const bar = barRef.current;
    if (!track || !bar || typeof AudioContext === "undefined") return;
    const context = new AudioContext();
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let frame = 0;
    let shown = 0;
    const draw = () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      // Speech sits around -40..-10 dBFS: map that range onto the bar, falling back slowly.
      const level = Math.min(1, Math.max(0, (20 * Math.log10(rms || 1e-8) + 60) / 50));
      shown = Math.max(level, shown * 0.85);
      bar.style.transform = `scaleX(${shown.toFixed(3)})`;
      meterRef.current?.setAttribute("aria-valuenow", String(Math.round(shown * 100)));
      frame = requestAnimationFrame(draw);
    };
    draw();
    // Some browsers start the context suspended until the user touches the page.
    const resume = () => void context.resume();
    window.addEventListener("pointerdown", resume, { once: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("pointerdown", resume);
      source.disconnect();
      void context.close();
    };
  }, [track]);

  return (
    <div
      ref={meterRef}
      role="meter"
      aria-label={t("micLevel")}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={0}
      className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
      data-testid="mic-level"
    >
      <div ref={barRef} className="h-full w-full origin-left scale-x-0 rounded-full bg-emerald-500 transition-transform duration-75" />
    </div>
  );
}
