import type { z } from "zod";
import type { ZRecording } from "@/lib/schemas/recordings";

type Recording = z.infer<typeof ZRecording>;

/** One file on the session's timeline: where it starts (ms after the first packet of any file). */
export interface Segment {
  id: string;
  offsetMs: number;
  durationMs: number;
  codec: string;
}

/** One producer's track (a person's camera, mic or screen) as the files that cover it. */
export interface PlaybackTrack {
  key: string;
  identity: string;
  name: string;
  source: string;
  kind: "audio" | "video";
  segments: Segment[];
}

/** A stretch of a track with no file: a writer that died, a pause, a recording stopped. */
export interface Gap {
  trackKey: string;
  fromMs: number;
  toMs: number;
}

export interface Playback {
  /** Wall-clock time of the first packet of the session (epoch ms); position 0. */
  startedAt: number;
  totalMs: number;
  tracks: PlaybackTrack[];
  gaps: Gap[];
}

/**
 * The archive's records → one timeline. Each file is placed where its time 0 is on the wall clock
 * (`startAt`: from the node's sender reports, lib/recordings/track-alignment.ts; else its first
 * packet's time), so tracks line up without reading the media. Files that were deleted, or never
 * got a packet, have nothing to play.
 */
export function buildPlayback(items: Recording[]): Playback | null {
  const playable = items.filter((item) => !item.deletedAt && placedAt(item) !== null && item.durationMs > 0);
  if (playable.length === 0) return null;
  const startedAt = Math.min(...playable.map((item) => placedAt(item)!));
  const byKey = new Map<string, PlaybackTrack>();
  let totalMs = 0;
  for (const item of playable) {
    const key = `${item.identity}/${item.source}/${item.kind}`;
    let track = byKey.get(key);
    if (!track) {
      track = { key, identity: item.identity, name: item.name, source: item.source, kind: item.kind === "audio" ? "audio" : "video", segments: [] };
      byKey.set(key, track);
    }
    const offsetMs = placedAt(item)! - startedAt;
    track.segments.push({ id: item.id, offsetMs, durationMs: item.durationMs, codec: item.codec });
    totalMs = Math.max(totalMs, offsetMs + item.durationMs);
  }
  const tracks = [...byKey.values()];
  const gaps: Gap[] = [];
  for (const track of tracks) {
    track.segments.sort((a, b) => a.offsetMs - b.offsetMs);
    for (let i = 1; i < track.segments.length; i++) {
      const before = track.segments[i - 1]!;
      const after = track.segments[i]!;
      const fromMs = before.offsetMs + before.durationMs;
      // Below half a second is a file boundary, not a hole anyone could see.
      if (after.offsetMs - fromMs >= 500) gaps.push({ trackKey: track.key, fromMs, toMs: after.offsetMs });
    }
  }
  tracks.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, "zh-CN") || a.source.localeCompare(b.source) : a.kind === "video" ? -1 : 1));
  return { startedAt, totalMs, tracks, gaps };
}

/** The file of a track that plays at `positionMs`, and where in it; null in a gap or outside. */
export function segmentAt(track: PlaybackTrack, positionMs: number): { segment: Segment; localMs: number } | null {
  for (const segment of track.segments) {
    if (positionMs >= segment.offsetMs && positionMs < segment.offsetMs + segment.durationMs) return { segment, localMs: positionMs - segment.offsetMs };
  }
  return null;
}

function placedAt(item: Recording): number | null {
  const at = item.startAt ?? item.firstPacketAt;
  return at === null ? null : Date.parse(at);
}
