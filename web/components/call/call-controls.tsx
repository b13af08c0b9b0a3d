"use client";

import { useTranslations } from "next-intl";
import type { CallState } from "@/lib/media-client/call-state";
import { ControlButton } from "./control-button";
import { CameraIcon, LeaveIcon, MicIcon, PeopleIcon, ScreenIcon } from "./icons";

interface CallControlsProps {
  state: CallState;
  canShareScreen: boolean;
  panelOpen: boolean;
  onToggleMic: () => void;
  onToggleCamera: () => void;
  onToggleScreen: () => void;
  /** Without it there is no people button (a roll-call participant sees no roster). */
  onTogglePanel?: () => void;
  onLeave: () => void;
}

/** The bar at the bottom; on a 375-px phone its five buttons still fit in one row. */
export function CallControls(props: CallControlsProps) {
  const { state } = props;
  const t = useTranslations("call");
  const observer = state.self?.observer ?? false;
  const mic = state.local.mic;
  const camera = state.local.camera;
  const micOff = !mic || mic.paused;
  const cameraOff = !camera || camera.paused;
  const sharing = Boolean(state.local.screen);
  const waiting = state.self?.moderator ? state.lobby.length : 0;
  return (
    <nav
      aria-label={t("controls")}
      className="flex shrink-0 items-start justify-center gap-1 border-t border-white/10 bg-slate-900 px-2 pb-[max(0.5rem,env(safe-area-inset-bottom))] pt-2 sm:gap-3"
    >
      {!observer && (
        <>
          <ControlButton label={micOff ? t("unmute") : t("mute")} active={micOff} disabled={!mic} onClick={props.onToggleMic} testId="toggle-mic">
            <MicIcon off={micOff} />
          </ControlButton>
          <ControlButton
            label={cameraOff ? t("cameraOn") : t("cameraOff")}
            active={cameraOff}
            disabled={!camera}
            onClick={props.onToggleCamera}
            testId="toggle-camera"
          >
            <CameraIcon off={cameraOff} />
          </ControlButton>
          {props.canShareScreen && (
            <ControlButton label={sharing ? t("stopShare") : t("shareScreen")} active={sharing} onClick={props.onToggleScreen} testId="toggle-screen">
              <ScreenIcon />
            </ControlButton>
          )}
        </>
      )}
      {props.onTogglePanel && (
        <ControlButton label={t("participants")} active={props.panelOpen} badge={waiting || undefined} onClick={props.onTogglePanel} testId="toggle-panel">
          <PeopleIcon />
        </ControlButton>
      )}
      <ControlButton label={t("leave")} danger onClick={props.onLeave} testId="leave">
        <LeaveIcon />
      </ControlButton>
    </nav>
  );
}
