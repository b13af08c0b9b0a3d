"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { segmentAt, type Playback } from "./playback-model";

/** Beyond this the follower seeks; below it, its speed is nudged until it catches up. */
const SEEK_DRIFT_S = 0.25;
const NUDGE_DRIFT_S = 0.04;
/**
 * How hard a follower is nudged: a muted video may run up to 25 % off speed for the second it
 * takes to catch up (nobody hears it); sound only 10 %. With 10 % for all, a video that fell
 * 180 ms behind on a busy PC took seconds to come back, visibly out of step.
 */
const MAX_NUDGE_VIDEO = 0.25;
const MAX_NUDGE_AUDIO = 0.1;

/**
 * One clock for every media element of a session. The first track with a file at the current
 * position leads (its element's own time is the clock, so it plays smoothly); every other active
 * element follows it by a small speed change, or a seek when far off. In a stretch where no file
 * plays (everyone's gap) the wall clock advances the position instead.
 */
export function usePlaybackClock(playback: Playback) {
  const elements = useRef(new Map<string, HTMLMediaElement>());
  // `sought`: a seek not yet handed to the elements; until it is, they still stand at the old place.
  const clock = useRef({ positionMs: 0, playing: false, rate: 1, lastTick: 0, sought: false });
  const [view, setView] = useState({ positionMs: 0, playing: false, rate: 1, active: new Set<string>() });

  const register = useCallback((segmentId: string, element: HTMLMediaElement | null) => {
    if (element) elements.current.set(segmentId, element);
    else elements.current.delete(segmentId);
  }, []);

  useEffect(() => {
    let frame = 0;
    let lastPublished = 0;
    let lastActive = new Set<string>();
    const tick = (now: number) => {
      const c = clock.current;
      const actives: Array<{ element: HTMLMediaElement; localS: number }> = [];
      const active = new Set<string>();
      // The lead: the first active element that is really playing sets the position. Not right
      // after a seek: the lead still plays at the old place, and reading it would undo the seek.
      if (c.playing && !c.sought) {
        let led = false;
        for (const track of playback.tracks) {
          const at = segmentAt(track, c.positionMs);
          const element = at && elements.current.get(at.segment.id);
          if (at && element && !element.paused && !element.seeking && element.readyState >= 3) {
            c.positionMs = at.segment.offsetMs + element.currentTime * 1000;
            led = true;
            break;
          }
        }
        if (!led && c.lastTick) {
          // Nobody plays yet (loading, or a common gap): move on by the wall clock unless loading.
          const loading = playback.tracks.some((track) => {
            const at = segmentAt(track, c.positionMs);
            const element = at && elements.current.get(at.segment.id);
            return element ? element.readyState < 3 || element.seeking : false;
          });
          if (!loading) c.positionMs += (now - c.lastTick) * c.rate;
        }
        if (c.positionMs >= playback.totalMs) {
          c.positionMs = playback.totalMs;
          c.playing = false;
        }
      }
      c.lastTick = now;
      for (const track of playback.tracks) {
        const at = segmentAt(track, c.positionMs);
        for (const segment of track.segments) {
          const element = elements.current.get(segment.id);
          if (!element) continue;
          if (at?.segment.id === segment.id) {
            active.add(segment.id);
            actives.push({ element, localS: at.localMs / 1000 });
          } else if (!element.paused) element.pause();
        }
      }
      const sought = c.sought;
      c.sought = false;
      // A side that stalls (its file still loading, or the machine too busy to decode) holds the
      // others where they are, as a video editor does, rather than letting them run on alone: the
      // stalled one keeps playing so that the browser goes on fetching it, and the clock stands
      // still until it can play (then the lead loop above finds a lead again).
      const stalled = c.playing && !sought && actives.length > 1 && actives.some(({ element }) => !element.paused && (element.readyState < 3 || element.seeking));
      for (const { element, localS } of actives) {
        if (stalled) {
          const ready = element.readyState >= 3 && !element.seeking;
          if (ready && !element.paused) element.pause();
          if (!ready && element.paused) void element.play().catch(() => {});
          continue;
        }
        const drift = element.currentTime - localS;
        if (sought || Math.abs(drift) > SEEK_DRIFT_S || (!c.playing && Math.abs(drift) > NUDGE_DRIFT_S)) {
          // A new seek replaces one under way; a drift correction waits for the last to finish.
          if (sought || !element.seeking) element.currentTime = localS;
          element.playbackRate = c.rate;
        } else if (c.playing) {
          // Ahead → slower, behind → faster, in proportion: 100 ms off is corrected within about a second.
          const cap = element instanceof HTMLVideoElement ? MAX_NUDGE_VIDEO : MAX_NUDGE_AUDIO;
          const nudge = Math.abs(drift) > NUDGE_DRIFT_S ? Math.max(-cap, Math.min(cap, drift * 1.5)) : 0;
          element.playbackRate = c.rate * (1 - nudge);
        }
        if (c.playing && element.paused) void element.play().catch(() => {});
        if (!c.playing && !element.paused) element.pause();
      }
      if (now - lastPublished > 200 || !sameSet(active, lastActive)) {
        lastPublished = now;
        lastActive = active;
        setView((before) => (before.positionMs === c.positionMs && before.playing === c.playing && before.rate === c.rate && sameSet(before.active, active) ? before : { positionMs: c.positionMs, playing: c.playing, rate: c.rate, active }));
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playback]);

  return {
    ...view,
    register,
    play: () => {
      if (clock.current.positionMs >= playback.totalMs) clock.current.positionMs = 0;
      clock.current.playing = true;
      // Started from the click itself, so the browser lets the sound play.
      for (const track of playback.tracks) {
        const at = segmentAt(track, clock.current.positionMs);
        const element = at && elements.current.get(at.segment.id);
        if (element?.paused) void element.play().catch(() => {});
      }
    },
    pause: () => {
      clock.current.playing = false;
    },
    seek: (positionMs: number) => {
      clock.current.positionMs = Math.max(0, Math.min(playback.totalMs, positionMs));
      clock.current.sought = true;
    },
    setRate: (rate: number) => {
      clock.current.rate = rate;
    },
  };
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const value of a) if (!b.has(value)) return false;
  return true;
}
