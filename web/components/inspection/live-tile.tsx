"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { TrackVideo } from "@/components/call/track-video";
import type { Connection } from "@/components/call/use-call-session";
import { apiFetch } from "@/lib/client/api-fetch";
import type { TInspectionGrant, TLiveRoom } from "@/lib/schemas/inspection";
import type { CallSession } from "@/lib/media-client/call-session";
import { tokenProvider } from "@/lib/media-client/token-provider";
import { useTileSession } from "./use-tile-session";

/** Tiles are small: the node sends the lowest simulcast layer (setTileView picks it by height). */
const TILE_HEIGHT_PX = 120;

export interface TileProbe {
  roomId: string;
  stats: () => ReturnType<CallSession["inboundVideoStats"]>;
}

/**
 * One live room on the wall: a watch grant (tile mode) once the tile is on screen, then one video
 * at its lowest layer; every other consumer (audio, other cameras) paused on the node. Off screen
 * (IntersectionObserver) the video is paused too, so the node sends nothing for it.
 */
export function LiveTile({ room, register }: { room: TLiveRoom; register: (probe: TileProbe | null, roomId: string) => void }) {
  const t = useTranslations("inspection");
  const box = useRef<HTMLAnchorElement>(null);
  const [visible, setVisible] = useState(false);
  const [connection, setConnection] = useState<Connection | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const { session, state } = useTileSession(connection);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new IntersectionObserver(([entry]) => setVisible(Boolean(entry?.isIntersecting)), { threshold: 0.1 });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // The grant is asked for once the tile is first seen (a page of the wall, not every live room).
  useEffect(() => {
    if (!visible || connection || !room.media) return;
    const fetchGrant = () => apiFetch<TInspectionGrant>("POST", `/api/v1/inspection/rooms/${encodeURIComponent(room.roomId)}/watch`, { mode: "tile" });
    let cancelled = false;
    void fetchGrant().then((answer) => {
      if (cancelled) return;
      if (!answer.ok) return setFailed(answer.error.message);
      setConnection({ mediaUrl: answer.data.mediaUrl, token: answer.data.token, refreshToken: tokenProvider(fetchGrant) });
    });
    return () => {
      cancelled = true;
    };
  }, [visible, connection, room.media, room.roomId]);

  // One video: the first camera that is sending (else any video).
  const videos = state.tracks.filter((track) => track.kind === "video");
  const shown = videos.find((track) => !track.producerPaused) ?? videos[0];
  const applied = useRef(new Map<string, string>());
  useEffect(() => {
    if (!session) return;
    for (const track of state.tracks) {
      const want = track.kind === "audio" ? "paused" : track === shown && visible ? "shown" : "hidden";
      if (applied.current.get(track.consumerId) === want) continue;
      applied.current.set(track.consumerId, want);
      if (track.kind === "audio") void session.setConsumerPaused(track.consumerId, true);
      else void session.setTileView(track.consumerId, { visible: want === "shown", heightPx: TILE_HEIGHT_PX });
    }
  }, [session, state.tracks, shown, visible]);

  const probe = useMemo<TileProbe | null>(() => (session ? { roomId: room.roomId, stats: () => session.inboundVideoStats() } : null), [session, room.roomId]);
  useEffect(() => {
    register(probe, room.roomId);
    return () => register(null, room.roomId);
  }, [probe, register, room.roomId]);

  const status = !room.media ? t("privileged") : failed ? failed : !visible && connection ? t("paused") : !shown ? (state.phase === "joined" ? t("noVideo") : t("connecting")) : null;
  const body = (
    <>
      <div className="relative aspect-video w-full overflow-hidden rounded-t-lg bg-slate-900">
        {shown && room.media && <TrackVideo track={shown.track} fit="cover" />}
        {status && <p className="absolute inset-0 flex items-center justify-center p-3 text-center text-sm text-slate-200">{status}</p>}
        <span className="absolute left-2 top-2 rounded bg-black/60 px-2 py-0.5 text-xs text-white">{t(`kinds.${room.kind}`)}</span>
      </div>
      <div className="px-3 py-2">
        <p className="truncate text-sm font-medium text-slate-900">{room.title}</p>
        <p className="truncate text-xs text-slate-600">{room.unitName}</p>
      </div>
    </>
  );
  return room.media ? (
    <Link
      ref={box}
      href={`/inspection/rooms/${room.roomId}`}
      data-testid="live-tile"
      data-room={room.roomId}
      className="block rounded-lg border border-slate-200 bg-white shadow-sm hover:border-brand-500 focus-visible:outline-2"
      aria-label={`${t("open")}：${room.title}`}
    >
      {body}
    </Link>
  ) : (
    <div data-testid="live-tile" data-room={room.roomId} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      {body}
    </div>
  );
}
