"use client";

import { useRef } from "react";
import { useTranslations } from "next-intl";
import type { PeerInfo } from "../../../server/src/protocol/entities.ts";
import { peerMicStatus } from "@/components/call/call-tiles";
import { Initial, TileFrame } from "@/components/call/tile-frame";
import { TrackVideo } from "@/components/call/track-video";
import { useTileView } from "@/components/call/use-tile-view";
import type { CallSession } from "@/lib/media-client/call-session";
import type { RemoteTrack } from "@/lib/media-client/call-state";
import type { RosterEntry } from "./console-api";
import type { DisplayStatus } from "./roster-model";
import { STATUS_COLOURS } from "@/lib/pages/roll-call-display";

/**
 * One joined person in the grid, at the small simulcast layer; paused by the node while scrolled
 * away. While the person is called, the spotlight shows their video and this tile steps aside.
 * A peer who is not on the roster (another officer in the room) has a tile without a status.
 */
export function ParticipantTile({ entry, peer, video, status, called, session, onCall }: {
  entry: RosterEntry | undefined;
  peer: PeerInfo;
  video: RemoteTrack | null;
  status: DisplayStatus | null;
  called: boolean;
  session: CallSession | null;
  onCall: (() => void) | null;
}) {
  const t = useTranslations("rollcallConsole");
  const attendance = useTranslations("rollcall.attendance");
  const ref = useRef<HTMLDivElement>(null);
  const showVideo = !called && video !== null && !video.producerPaused;
  useTileView(ref, session, called ? null : (video?.consumerId ?? null));
  const frame = (
    <TileFrame
      ref={ref}
      name={entry?.personName ?? peer.name}
      mic={peerMicStatus(peer)}
      quality={null}
      speaking={false}
      badge={called ? t("calling") : status ? attendance(status) : undefined}
      testId="participant-tile"
      data={{ "peer-id": peer.id, ...(entry && status ? { "entry-id": entry.id, status } : {}) }}
    >
      {showVideo ? <TrackVideo track={video.track} /> : <Initial name={entry?.personName ?? peer.name} />}
    </TileFrame>
  );
  const ring = `rounded-lg ring-4 ${called ? "ring-white" : status ? STATUS_COLOURS[status].ring : "ring-transparent"}`;
  if (!onCall || !entry) return <div className={ring}>{frame}</div>;
  return (
    <button type="button" onClick={onCall} className={`${ring} block w-full text-left`} aria-label={t("callNamed", { name: entry.personName })}>
      {frame}
    </button>
  );
}
