"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";
import type { z } from "zod";
import type { SessionEvent } from "@/lib/recordings/session-timeline";
import type { ZRecording } from "@/lib/schemas/recordings";
import { buildPlayback, type Playback, type PlaybackTrack } from "./playback-model";
import { SessionTimelineList } from "./session-timeline-list";
import { usePlaybackClock } from "./use-playback-clock";

const SPEEDS = [1, 1.5, 2] as const;

/**
 * A session's recording in the browser's own media elements, no transcoding: one element per
 * file, every video track in the grid, every audio track playing at once (the page mixes them),
 * all on one clock with seek and 1×/1.5×/2×. Gaps are marked on the seek bar. The session's
 * record runs beside the players (below them on a phone); clicking an event seeks to it.
 */
export function RecordingPlayer({ items, timeline }: { items: Array<z.infer<typeof ZRecording>>; timeline: SessionEvent[] }) {
  const t = useTranslations("recording.playback");
  const tTimeline = useTranslations("recording.timeline");
  const playback = useMemo(() => buildPlayback(items), [items]);
  if (!playback) {
    return (
      <div className="flex flex-col gap-4">
        <p className="text-sm text-slate-500" data-testid="playback-empty">{t("nothingToPlay")}</p>
        <section>
          <h3 className="mb-2 text-sm font-semibold text-slate-700">{tTimeline("title")}</h3>
          <SessionTimelineList events={timeline} startedAt={null} totalMs={0} positionMs={0} />
        </section>
      </div>
    );
  }
  return <Player playback={playback} timeline={timeline} />;
}

function Player({ playback, timeline }: { playback: Playback; timeline: SessionEvent[] }) {
  const t = useTranslations("recording.playback");
  const tTimeline = useTranslations("recording.timeline");
  const format = useFormatter();
  const clock = usePlaybackClock(playback);
  const videos = playback.tracks.filter((track) => track.kind === "video");
  const audios = playback.tracks.filter((track) => track.kind === "audio");
  const wallClock = (ms: number) => format.dateTime(new Date(playback.startedAt + ms), { timeStyle: "medium" });
  const percent = (ms: number) => `${(100 * ms) / playback.totalMs}%`;

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
    <div className="flex min-w-0 flex-col gap-3 lg:col-span-2" data-testid="recording-player" data-started-at={playback.startedAt}>
      <div className={`grid gap-2 ${videos.length > 1 ? "grid-cols-1 sm:grid-cols-2" : "grid-cols-1"}`}>
        {videos.map((track) => (
          <VideoTrack key={track.key} track={track} active={clock.active} register={clock.register} />
        ))}
      </div>
      {audios.map((track) =>
        track.segments.map((segment) => (
          <audio key={segment.id} ref={(element) => clock.register(segment.id, element)} src={fileUrl(segment.id)} preload="auto" data-testid="playback-audio" data-offset-ms={segment.offsetMs} />
        )),
      )}
      <div className="flex flex-col gap-1">
        <div className="relative h-2 rounded bg-slate-200" aria-hidden="true">
          {playback.gaps.map((gap, index) => (
            <span key={index} className="absolute inset-y-0 bg-amber-400" style={{ left: percent(gap.fromMs), width: percent(gap.toMs - gap.fromMs) }} title={t("gap")} data-testid="playback-gap" />
          ))}
          <span className="absolute inset-y-0 left-0 rounded bg-brand-600/60" style={{ width: percent(clock.positionMs) }} />
        </div>
        <input
          type="range"
          min={0}
          max={playback.totalMs}
          step={100}
          value={Math.round(clock.positionMs)}
          onChange={(event) => clock.seek(Number(event.target.value))}
          aria-label={t("seek")}
          className="w-full accent-brand-600"
          data-testid="playback-seek"
        />
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <button
            type="button"
            onClick={clock.playing ? clock.pause : clock.play}
            className="min-h-10 min-w-20 rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700"
            data-testid="playback-toggle"
          >
            {clock.playing ? t("pause") : t("play")}
          </button>
          <span className="tabular-nums text-slate-700" data-testid="playback-position" data-position-ms={Math.round(clock.positionMs)}>
            {duration(clock.positionMs)} / {duration(playback.totalMs)} · {wallClock(clock.positionMs)}
          </span>
          <span className="flex-1" />
          <span className="text-slate-500">{t("speed")}</span>
          {SPEEDS.map((speed) => (
            <button
              key={speed}
              type="button"
              onClick={() => clock.setRate(speed)}
              aria-pressed={clock.rate === speed}
              className={`min-h-10 rounded-md px-3 ${clock.rate === speed ? "bg-slate-800 text-white" : "bg-slate-100 text-slate-800 hover:bg-slate-200"}`}
              data-testid={`playback-speed-${speed}`}
            >
              {speed}×
            </button>
          ))}
        </div>
        {playback.gaps.length > 0 && (
          <ul className="text-sm text-amber-800" data-testid="playback-gaps">
            {playback.gaps.map((gap, index) => (
              <li key={index}>
                {t("gapLine", { who: nameOf(playback, gap.trackKey), from: wallClock(gap.fromMs), to: wallClock(gap.toMs), seconds: Math.round((gap.toMs - gap.fromMs) / 1000) })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
    <section className="min-w-0">
      <h3 className="mb-2 text-sm font-semibold text-slate-700">{tTimeline("title")}</h3>
      <SessionTimelineList events={timeline} startedAt={playback.startedAt} totalMs={playback.totalMs} positionMs={clock.positionMs} seek={clock.seek} />
    </section>
    </div>
  );
}

function VideoTrack({ track, active, register }: { track: PlaybackTrack; active: Set<string>; register: (id: string, element: HTMLMediaElement | null) => void }) {
  const t = useTranslations("recording.playback");
  const showing = track.segments.some((segment) => active.has(segment.id));
  return (
    <figure className="relative aspect-video overflow-hidden rounded-md bg-slate-900" data-testid="playback-track" data-track={track.key}>
      {track.segments.map((segment) => (
        <video
          key={segment.id}
          ref={(element) => register(segment.id, element)}
          src={fileUrl(segment.id)}
          preload="auto"
          muted
          playsInline
          className={`absolute inset-0 size-full object-contain ${active.has(segment.id) ? "" : "invisible"}`}
          data-testid="playback-video"
          data-offset-ms={segment.offsetMs}
        />
      ))}
      {!showing && <span className="absolute inset-0 flex items-center justify-center text-sm text-slate-300">{t("noPicture")}</span>}
      <figcaption className="absolute bottom-1 left-1 rounded bg-black/60 px-2 py-0.5 text-xs text-white">
        {track.name} · {t(`source.${track.source === "screen" ? "screen" : "camera"}`)}
      </figcaption>
    </figure>
  );
}

function fileUrl(id: string): string {
  return `/api/v1/recordings/${encodeURIComponent(id)}/file`;
}

function nameOf(playback: Playback, key: string): string {
  return playback.tracks.find((track) => track.key === key)?.name ?? key;
}

function duration(ms: number): string {
  const total = Math.floor(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}
