"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useErrorMessage } from "@/components/forms/use-error-message";
import { LanguageSwitch } from "@/components/layout/language-switch";
import type { ApiError } from "@/lib/client/api-fetch";
import { warmUpBrowserHandler } from "@/lib/media-client/browser-handler";
import { tokenProvider } from "@/lib/media-client/token-provider";
import { forgetGrant, loadGrant, requestJoinGrant, saveGrant, type DeviceChoice, type JoinTarget } from "@/lib/client/join-grant";
import { CallRoom } from "./call-room";
import { openEarly, type EarlyConnection } from "./early-connection";
import type { JoinWho } from "./join-who";
import { PreJoin } from "./pre-join";
import { useCallSession, type Connection } from "./use-call-session";
import { useLocalMedia, type LocalMedia } from "./use-local-media";
import { usePublish } from "./use-publish";

type Stage = "restoring" | "prejoin" | "call";

const NO_CHOICE: DeviceChoice = { audioId: null, videoId: null };

const devicesOf = (media: LocalMedia): DeviceChoice => ({
  audioId: media.audio?.getSettings().deviceId ?? null,
  videoId: media.video?.getSettings().deviceId ?? null,
});

interface CallFlowProps {
  target: JoinTarget;
  who: JoinWho;
  roomTitle: string;
  /** The media node this portal normally hands out, so the socket can open before the token is back. */
  mediaUrl: string;
  backHref: string | null;
}

/**
 * From the link to the call: the join screen, the token request, then the call. A tab that still
 * holds a valid token for this link (a reload) goes straight back in with the same identity.
 */
export function CallFlow({ target, who, roomTitle, mediaUrl, backHref }: CallFlowProps) {
  const t = useTranslations("join");
  const errorMessage = useErrorMessage();
  const observer = who.kind === "staff" && who.observer;
  const [stage, setStage] = useState<Stage>("restoring");
  const [connection, setConnection] = useState<Connection | null>(null);
  const [devices, setDevices] = useState<DeviceChoice>(NO_CHOICE);
  const [busy, setBusy] = useState(false);
  const [guestName, setGuestName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const media = useLocalMedia(observer || stage === "restoring" ? null : devices);
  const { session, state } = useCallSession(connection);
  usePublish(session, "mic", media.audio);
  usePublish(session, "camera", media.video);
  const early = useRef<EarlyConnection | null>(null);
  // A call that outlives its token gets a fresh one for the same identity (a guest by its name).
  const joinedName = useRef<string | undefined>(undefined);
  const refreshToken = useMemo(
    () => tokenProvider(() => requestJoinGrant(target, who.kind === "guest" ? joinedName.current : undefined)),
    [target, who.kind],
  );

  /** The join screen: its socket to the media node opens now, and waits for the token. */
  const showJoinScreen = useCallback(() => {
    early.current = openEarly(mediaUrl);
    setConnection({ ...early.current.connection, refreshToken });
    setStage("prejoin");
  }, [mediaUrl, refreshToken]);

  // Once, on the first render in the browser: sessionStorage does not exist on the server.
  const [restoreFrom] = useState(target);
  useEffect(() => {
    warmUpBrowserHandler();
    const stored = loadGrant(restoreFrom);
    if (stored) {
      setDevices(stored.devices);
      joinedName.current = stored.grant.name;
      setConnection({ mediaUrl: stored.grant.mediaUrl, token: stored.grant.token, refreshToken });
      setStage("call");
    } else {
      showJoinScreen();
    }
  }, [restoreFrom, showJoinScreen, refreshToken]);

  const describe = (apiError: ApiError): string => {
    if (apiError.code === "not_found") return t("invalidLink");
    if (apiError.code === "conflict") return t("closedTitle");
    return errorMessage(apiError);
  };

  async function join(name: string) {
    setBusy(true);
    setError(null);
    setGuestName(name);
    joinedName.current = name;
    const waiting = early.current;
    early.current = null;
    const result = await requestJoinGrant(target, who.kind === "guest" ? name : undefined);
    setBusy(false);
    if (!result.ok) {
      waiting?.abandon();
      showJoinScreen();
      // A host whose session ended signs in again and comes straight back here.
      if (result.error.status === 401 && who.kind === "staff") {
        window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
        return;
      }
      setError(describe(result.error));
      return;
    }
    if (waiting && result.data.mediaUrl === waiting.connection.mediaUrl) {
      waiting.authenticate(result.data.token);
    } else {
      // The token names another node (a room placed elsewhere): connect there instead.
      waiting?.abandon();
      setConnection({ mediaUrl: result.data.mediaUrl, token: result.data.token, refreshToken });
    }
    saveGrant(target, result.data, devicesOf(media));
    setStage("call");
  }

  const ended = useCallback(() => forgetGrant(restoreFrom), [restoreFrom]);

  if (stage === "restoring") return null;
  if (stage === "call") {
    return (
      <CallRoom
        session={session}
        state={state}
        roomTitle={roomTitle}
        selfName={who.kind === "staff" ? who.name : guestName}
        cameraTrack={media.video}
        backHref={backHref}
        onEnded={ended}
        onRestart={showJoinScreen}
      />
    );
  }
  return (
    <div className="flex flex-1 flex-col">
      <div className="flex justify-end p-2">
        <LanguageSwitch />
      </div>
      <div className="flex flex-1 items-start justify-center px-3 pb-6 sm:items-center">
        <PreJoin roomTitle={roomTitle} who={who} media={media} onDevices={setDevices} busy={busy} error={error} onJoin={join} />
      </div>
    </div>
  );
}
