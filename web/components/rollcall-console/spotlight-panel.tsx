"use client";

import { useNow, useTranslations } from "next-intl";
import type { ReactNode, RefObject } from "react";
import { Initial } from "@/components/call/tile-frame";
import { TrackVideo } from "@/components/call/track-video";
import { useTileView } from "@/components/call/use-tile-view";
import type { CallSession } from "@/lib/media-client/call-session";
import { SHARPEST_LAYER_HEIGHT } from "@/lib/media-client/simulcast";
import type { RemoteTrack } from "@/lib/media-client/call-state";
import type { Mark, RosterEntry } from "./console-api";
import type { QueuedMark } from "./mark-queue";
import { MarkStateBadge } from "./mark-state-badge";
import { MARKS, type DisplayStatus } from "./roster-model";
import { FaceMatchBadge, type FaceMatch } from "@/components/faces/face-match-badge";
import { StatusChip } from "./status-chip";
import { STATUS_COLOURS } from "@/lib/pages/roll-call-display";
import { DepartureNotice } from "./departure-notice";
import type { Departure } from "./use-called-departure";


export interface SnapshotState {
  state: "idle" | "saving" | "saved" | "failed";
  message: string | null;
  /** The saved snapshot's comparison with the person's enrolled face. */
  faceMatch?: FaceMatch;
}

/**
 * The person being called: their video large, the answer timer, the expected answer of the
 * liveness challenge (only the officer sees it here; the person sees the question), the verdict,
 * the snapshot and the marks. Observers see it without the buttons.
 */
export function SpotlightPanel({ entry, status, video, session, stageRef, livenessEnabled, delivered, departure, queued, snapshot, host, onJudge, onSnapshot, onMark, onRetry, children }: {
  entry: RosterEntry;
  status: DisplayStatus;
  video: RemoteTrack | null;
  session: CallSession | null;
  stageRef: RefObject<HTMLDivElement | null>;
  livenessEnabled: boolean;
  /** false when the node could not show the challenge to the person (not in the room). */
  delivered: boolean | null;
  /** The called person left (or lost the connection) mid-call: said here, and the timer stops. */
  departure: Departure | null;
  queued: QueuedMark | undefined;
  snapshot: SnapshotState;
  host: boolean;
  onJudge: (result: "passed" | "failed") => void;
  onSnapshot: () => void;
  onMark: (status: Mark) => void;
  onRetry: () => void;
  /** Below the marks: the remark for the next mark (host only). */
  children?: ReactNode;
}) {
  const t = useTranslations("rollcallConsole");
  const attendance = useTranslations("rollcall.attendance");
  const ts = useTranslations("rollcallConsole.spotlight");
  const now = useNow({ updateInterval: 1000 });
  // The spotlight asks for the top layer whatever the screen size: the node gives the sharpest
  // the camera sends (480 lines from a VGA camera, 720 from a 720p one).
  useTileView(stageRef, session, video?.consumerId ?? null, SHARPEST_LAYER_HEIGHT);
  const showVideo = video !== null && !video.producerPaused;
  const calledAt = new Date(entry.calledAt!).getTime();
  const answeredAt = entry.answeredAt ? new Date(entry.answeredAt).getTime() : null;
  // The timer stops at the answer, or when the person left before answering.
  const stoppedAt = answeredAt ?? departure?.at ?? null;
  const seconds = Math.max(0, Math.round(((stoppedAt ?? now.getTime()) - calledAt) / 1000));
  const challenge = entry.challenge;
  return (
    <section className="flex flex-col gap-3 border-b border-white/10 p-3 lg:flex-row" data-testid="spotlight" data-entry-id={entry.id}>
      <div ref={stageRef} className={`relative aspect-video w-full overflow-hidden rounded-lg bg-black ring-4 lg:max-w-[min(60%,52rem)] ${STATUS_COLOURS[status].ring}`} data-testid="spotlight-video">
        {showVideo ? <TrackVideo track={video.track} fit="contain" /> : <Initial name={entry.personName} />}
        {!showVideo && <p className="absolute inset-x-0 bottom-2 text-center text-xs text-slate-300">{ts("noVideo")}</p>}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="text-2xl font-semibold" data-testid="spotlight-name">{entry.personName}</h2>
          <StatusChip status={status} />
          <span className="rounded bg-white/10 px-2 py-0.5 text-sm tabular-nums" data-testid="answer-timer" data-stopped={stoppedAt !== null || undefined}>
            {answeredAt ? ts("answeredIn", { seconds }) : ts("timer", { seconds })}
          </span>
        </div>
        {departure && <DepartureNotice name={entry.personName} departure={departure} />}
        {livenessEnabled ? (
          challenge && (
            <div className="rounded-md bg-slate-800 p-3" data-testid="expected-answer" data-kind={challenge.kind} data-value={challenge.value}>
              <p className="text-sm text-slate-300">{challenge.kind === "digits" ? ts("expectedDigits") : ts("expectedHead")}</p>
              <p className="text-3xl font-bold tracking-widest">
                {challenge.kind === "digits" ? challenge.value : ts(`head.${challenge.value as "left" | "right" | "nod"}`)}
              </p>
              {delivered === false && <p className="mt-1 text-sm text-amber-300">{ts("notDelivered")}</p>}
              {challenge.result ? (
                <p className={`mt-2 font-medium ${challenge.result === "passed" ? "text-emerald-300" : "text-rose-300"}`} data-testid="challenge-result" data-result={challenge.result}>
                  {ts(`result.${challenge.result as "passed" | "failed"}`)}
                </p>
              ) : (
                host && (
                  <div className="mt-2 flex gap-2">
                    <button type="button" onClick={() => onJudge("passed")} className="min-h-10 flex-1 rounded-md bg-emerald-600 px-3 font-medium hover:bg-emerald-500">
                      {ts("pass")} <kbd className="text-xs opacity-70">P</kbd>
                    </button>
                    <button type="button" onClick={() => onJudge("failed")} className="min-h-10 flex-1 rounded-md bg-rose-600 px-3 font-medium hover:bg-rose-500">
                      {ts("fail")} <kbd className="text-xs opacity-70">F</kbd>
                    </button>
                  </div>
                )
              )}
            </div>
          )
        ) : (
          <p className="text-sm text-slate-400">{ts("livenessOff")}</p>
        )}
        <div className="flex flex-wrap items-center gap-3">
          {host && (
            <button type="button" onClick={onSnapshot} disabled={snapshot.state === "saving"} className="min-h-10 rounded-md bg-white/10 px-3 hover:bg-white/20 disabled:opacity-60" data-testid="snapshot">
              {ts("snapshot")} <kbd className="text-xs opacity-70">S</kbd>
            </button>
          )}
          {entry.evidenceUrl && (
            // eslint-disable-next-line @next/next/no-img-element -- a session-guarded API image, not a static asset
            <img src={entry.evidenceUrl} alt={ts("evidenceAlt", { name: entry.personName })} className="h-16 rounded border border-white/20" data-testid="evidence-thumbnail" />
          )}
          {snapshot.state === "saved" && <span className="text-sm text-emerald-300">{ts("snapshotSaved")}</span>}
          {snapshot.state === "saved" && snapshot.faceMatch && <FaceMatchBadge match={snapshot.faceMatch} />}
          {snapshot.state === "failed" && <span className="text-sm text-rose-300" role="alert">{snapshot.message}</span>}
        </div>
        {host && (
          <div className="flex flex-col gap-1">
            <div className="flex flex-wrap gap-2" role="group" aria-label={ts("marks")}>
              {MARKS.map((mark, index) => (
                <button
                  key={mark}
                  type="button"
                  onClick={() => onMark(mark)}
                  aria-pressed={status === mark}
                  className={`min-h-10 rounded-md px-3 font-medium ${status === mark ? STATUS_COLOURS[mark].chip : "bg-white/10 hover:bg-white/20"}`}
                  data-testid={`mark-${mark}`}
                >
                  {attendance(mark)} <kbd className="text-xs opacity-70">{index + 1}</kbd>
                </button>
              ))}
            </div>
            <MarkStateBadge queued={queued} onRetry={onRetry} />
            {children}
          </div>
        )}
      </div>
    </section>
  );
}
