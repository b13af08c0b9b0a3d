"use client";

import { useTranslations } from "next-intl";
import { remoteTileCount } from "@/components/call/call-tiles";
import { CallControls } from "@/components/call/call-controls";
import { ConnectingBanner } from "@/components/call/connecting-banner";
import { ReconnectingBanner } from "@/components/call/reconnecting-banner";
import { RemoteAudio } from "@/components/call/remote-audio";
import { RemoteTile } from "@/components/call/remote-tile";
import { SelfTile, selfTileProps } from "@/components/call/self-tile";
import { CallToast, useCallToast } from "@/components/call/use-call-toast";
import { useLocalControls } from "@/components/call/use-local-controls";
import { useQuality } from "@/components/call/use-quality";
import { VideoGrid } from "@/components/call/video-grid";
import type { CallSession } from "@/lib/media-client/call-session";
import type { CallState } from "@/lib/media-client/call-state";
import { RecordingStatus } from "@/components/recording/recording-status";
import { ChallengeCard } from "./challenge-card";
import { MarkedBanner } from "./marked-banner";
import { SpotlightBanner } from "./spotlight-banner";
import { staffTiles } from "./staff-tiles";

/**
 * The roll call from the person's side: the officer's video as large as the phone allows, our
 * own picture small in a corner, who is being called, and the challenge when it is us.
 */
export function LinkCallView({ session, state, title, selfName, cameraTrack }: {
  session: CallSession | null;
  state: CallState;
  title: string;
  selfName: string;
  cameraTrack: MediaStreamTrack | null;
}) {
  const t = useTranslations("rollcallLink.call");
  const tCall = useTranslations("call");
  const { toast, mutedByModerator, failed } = useCallToast(state.notice);
  const controls = useLocalControls(session, state, cameraTrack, mutedByModerator);
  const readings = useQuality(session, state.phase === "joined");
  const tiles = staffTiles(state);
  const self = state.self;

  return (
    <div className="relative flex h-dvh flex-col overflow-hidden bg-slate-950 text-white" data-testid="link-call">
      <header className="flex shrink-0 items-center px-3 py-2">
        <h1 className="min-w-0 truncate text-sm font-medium sm:text-base">{title}</h1>
      </header>
      <RecordingStatus state={state} className="px-3 pb-1" />
      {state.phase === "connecting" && <ConnectingBanner />}
      {state.phase === "reconnecting" && <ReconnectingBanner reason={state.reconnecting ?? "network"} />}
      <div className="flex shrink-0 flex-col gap-2 pb-2 empty:hidden">
        {state.spotlight && <SpotlightBanner spotlight={state.spotlight} selfId={self?.id} />}
        {state.marked && state.spotlight?.peerId !== self?.id && <MarkedBanner marked={state.marked} />}
        {state.local.mic?.mutedByModerator && (
          <p className="mx-3 rounded-md bg-amber-400 px-3 py-1.5 text-center text-sm font-medium text-slate-900" role="status" data-testid="muted-by-moderator">
            {tCall("mutedByModerator")}
          </p>
        )}
      </div>
      <main className="relative flex min-h-0 flex-1 flex-col">
        {tiles.length > 0 ? (
          <VideoGrid count={tiles.length}>
            {tiles.map((tile) => (
              <RemoteTile key={tile.key} tile={tile} session={session} speaking={state.activeSpeaker === tile.peer.id} readings={readings} sole={remoteTileCount(tiles) === 1} />
            ))}
          </VideoGrid>
        ) : (
          <p className="flex flex-1 items-center justify-center px-6 text-center text-sm text-slate-300" data-testid="officer-pending">
            {t("officerPending")}
          </p>
        )}
        <div className="absolute bottom-2 right-2 z-10 w-28 sm:w-44" aria-label={t("selfView")}>
          <SelfTile {...selfTileProps(state, cameraTrack, readings, selfName)} />
        </div>
      </main>
      {state.challenge && (
        <div className="shrink-0 py-2">
          <ChallengeCard challenge={state.challenge} />
        </div>
      )}
      {toast && <CallToast text={toast} />}
      <CallControls
        state={state}
        canShareScreen={false}
        panelOpen={false}
        onToggleMic={() => void controls.toggleMic().catch(failed)}
        onToggleCamera={() => void controls.toggleCamera().catch(failed)}
        onToggleScreen={() => {}}
        onLeave={() => void session?.leave()}
      />
      <RemoteAudio tracks={state.tracks} />
    </div>
  );
}
