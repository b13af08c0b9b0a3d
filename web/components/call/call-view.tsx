"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { CallSession } from "@/lib/media-client/call-session";
import type { CallState } from "@/lib/media-client/call-state";
import { buildTiles, remoteTileCount, type Tile } from "./call-tiles";
import { CallControls } from "./call-controls";
import { ConnectingBanner } from "./connecting-banner";
import { LockIcon } from "./icons";
import { ParticipantsPanel } from "./participants-panel";
import { pinnedFirst } from "./pin-button";
import { ReconnectingBanner } from "./reconnecting-banner";
import { CallToast, useCallToast } from "./use-call-toast";
import { RemoteAudio } from "./remote-audio";
import { RemoteTile } from "./remote-tile";
import { SelfTile, selfTileProps } from "./self-tile";
import { planStage } from "./share-stage";
import { PresentingCard, ShareStageView } from "./share-stage-view";
import { screenShareSupported, useLocalControls } from "./use-local-controls";
import { useQuality } from "./use-quality";
import { VideoGrid } from "./video-grid";
import { MonitorActions } from "@/components/visit-room/monitor-actions";
import { VisitRoomStatus } from "@/components/visit-room/visit-room-status";
import { RecordingControl } from "@/components/recording/recording-control";

/** The call itself: top bar, tiles, notices, controls, the people panel and everyone's sound. */
export function CallView({ session, state, roomTitle, selfName, cameraTrack, onLeave }: {
  session: CallSession | null;
  state: CallState;
  roomTitle: string;
  selfName: string;
  cameraTrack: MediaStreamTrack | null;
  onLeave: () => void;
}) {
  const t = useTranslations("call");
  const stageText = useTranslations("callStage");
  const [panelOpen, setPanelOpen] = useState(false);
  const [canShareScreen] = useState(screenShareSupported);
  const { toast, mutedByModerator, failed } = useCallToast(state.notice);
  const controls = useLocalControls(session, state, cameraTrack, mutedByModerator);
  const readings = useQuality(session, state.phase === "joined");
  const [pinned, setPinned] = useState<string | null>(null);
  const self = state.self;
  const tiles = pinnedFirst(buildTiles(state), pinned);
  // Staff pin (issue 14): a tile that left takes its pin with it.
  const canPin = self?.role === "staff" && remoteTileCount(tiles) > 1;
  const pinnedKey = tiles.some((tile) => tile.key === pinned) ? pinned : null;
  const knocking = self?.moderator && !panelOpen ? state.lobby.length : 0;
  // A shared screen takes the stage for everyone; stopping it gives the grid back.
  const plan = planStage(tiles, Boolean(state.local.screen));
  // `sole`: the only remote picture, or the stage, asks for the sharpest layer whatever its size.
  // `pinnable`: in the grid a remote tile can be pinned (staff, more than one remote picture).
  const renderTile = (tile: Tile, sole: boolean, pinnable = false) =>
    tile.kind === "self" ? (
      <SelfTile key={tile.key} {...selfTileProps(state, cameraTrack, readings, selfName)} />
    ) : pinnable ? (
      <div key={tile.key} className={tile.key === pinnedKey ? "col-span-full" : "contents"}>
        <RemoteTile
          tile={tile}
          session={session}
          speaking={state.activeSpeaker === tile.peer.id}
          readings={readings}
          sole={sole}
          {...(canPin ? { pin: { pinned: tile.key === pinnedKey, onToggle: () => setPinned(tile.key === pinnedKey ? null : tile.key) } } : {})}
        />
      </div>
    ) : (
      <RemoteTile key={tile.key} tile={tile} session={session} speaking={state.activeSpeaker === tile.peer.id} readings={readings} sole={sole} />
    );

  return (
    <div className="relative flex h-dvh flex-col overflow-hidden bg-slate-950 text-white">
      <header className="flex shrink-0 items-center justify-between gap-2 px-3 py-2">
        <h1 className="min-w-0 truncate text-sm font-medium sm:text-base">{roomTitle}</h1>
        {state.locked && (
          <span className="flex shrink-0 items-center gap-1 rounded-full bg-white/10 px-2 py-0.5 text-xs">
            <LockIcon className="size-3.5" />
            {t("locked")}
          </span>
        )}
      </header>
      <VisitRoomStatus state={state} />
      <div className="flex justify-center px-3 pb-1 empty:hidden">
        <RecordingControl session={session} state={state} />
      </div>
      {self?.moderator && session && state.clock.deadline !== null && (
        <div className="flex justify-center px-3 pb-1">
          <MonitorActions session={session} />
        </div>
      )}
      {state.phase === "connecting" && <ConnectingBanner />}
      {state.phase === "reconnecting" && <ReconnectingBanner reason={state.reconnecting ?? "network"} />}
      <div className="flex flex-col items-center gap-2 px-3 empty:hidden">
        {state.local.mic?.mutedByModerator && (
          <p className="rounded-md bg-amber-400 px-3 py-1.5 text-sm font-medium text-slate-900" role="status" data-testid="muted-by-moderator">
            {t("mutedByModerator")}
          </p>
        )}
        {state.local.screen && <p className="rounded-md bg-brand-600 px-3 py-1.5 text-sm">{t("sharingScreen")}</p>}
        {knocking > 0 && (
          <button type="button" onClick={() => setPanelOpen(true)} className="min-h-10 rounded-md bg-amber-400 px-3 text-sm font-medium text-slate-900" data-testid="knocking">
            {t("knocking", { count: knocking })}
          </button>
        )}
      </div>
      <div className="flex min-h-0 flex-1">
        <main className="flex min-h-0 min-w-0 flex-1 flex-col">
          {plan.kind === "grid" ? (
            <VideoGrid count={tiles.length} pinned={pinnedKey !== null}>
              {tiles.map((tile) => renderTile(tile, remoteTileCount(tiles) === 1, true))}
            </VideoGrid>
          ) : (
            <ShareStageView
              stage={plan.kind === "screen" ? renderTile(plan.screen, true) : <PresentingCard text={stageText("presenting")} hint={stageText("presentingHint")} />}
              strip={plan.strip.map((tile) => ({ key: tile.key, node: renderTile(tile, false) }))}
              peerId={plan.kind === "screen" ? plan.screen.peer.id : (self?.id ?? null)}
            />
          )}
        </main>
        {panelOpen && <ParticipantsPanel state={state} session={session} onClose={() => setPanelOpen(false)} onFailed={failed} />}
      </div>
      {toast && <CallToast text={toast} />}
      <CallControls
        state={state}
        canShareScreen={canShareScreen}
        panelOpen={panelOpen}
        onToggleMic={() => void controls.toggleMic().catch(failed)}
        onToggleCamera={() => void controls.toggleCamera().catch(failed)}
        onToggleScreen={() => void controls.toggleScreen().catch(failed)}
        onTogglePanel={() => setPanelOpen((open) => !open)}
        onLeave={onLeave}
      />
      <RemoteAudio tracks={state.tracks} />
    </div>
  );
}
