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
import { openEarly, prepareJoin, PREPARED_MAX_AGE_MS, type EarlyConnection, type PreparedJoin } from "./early-connection";
import type { JoinWho } from "./join-who";
import { PreJoin } from "./pre-join";
import { useCallSession, type Connection } from "./use-call-session";
import { useLocalMedia, type LocalMedia } from "./use-local-media";
import { usePublish } from "./use-publish";

type Stage = "restoring" | "prejoin" | "call";

/**
 * Only where asking for a token has no effect but the token: a signed-in member opening a room.
 * (A visit's doors, the inspection wall and report calls record who came when they hand one out.)
 */
const preparable = (target: JoinTarget, who: JoinWho["kind"]) => who === "staff" && target.kind === "room";

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

  const prepared = useRef<PreparedJoin | null>(null);

  /**
   * The join screen: its socket to the media node opens now, and waits for the token. Where the
   * token can be had before the click (preparable), it is asked now too: the socket
   * authenticates and the session loads the room's capabilities, and the click only joins.
   */
  const showJoinScreen = useCallback(() => {
    const waiting = openEarly(mediaUrl);
    early.current = waiting;
    if (!preparable(target, who.kind)) {
      prepared.current = null;
      setConnection({ ...waiting.connection, refreshToken });
      setStage("prejoin");
      return;
    }
    // Another node, or a refusal: the click says so (join() reads the same answer).
    const ready = prepareJoin(waiting, requestJoinGrant(target), () => early.current === waiting);
    prepared.current = ready;
    setConnection({ ...waiting.connection, refreshToken, gate: ready.gate });
    setStage("prejoin");
  }, [mediaUrl, refreshToken, target, who.kind]);

  // A prepared screen left open: prepare again before its token grows old.
  useEffect(() => {
    if (stage !== "prejoin") return;
    const timer = setInterval(() => {
      if (prepared.current && Date.now() - prepared.current.at > PREPARED_MAX_AGE_MS) showJoinScreen();
    }, 15_000);
    return () => clearInterval(timer);
  }, [stage, showJoinScreen]);

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
    // Prepared, answered and on this node: the click sends `join` now, before any render (the
    // socket is authenticated and the transports connected already, issue 14).
    const settled = prepared.current?.settled;
    const waitingNow = early.current;
    if (prepared.current && waitingNow && settled?.ok && settled.data.mediaUrl === waitingNow.connection.mediaUrl) {
      waitingNow.authenticate(settled.data.token);
      prepared.current.click();
      prepared.current = null;
      early.current = null;
      joinedName.current = name;
      setGuestName(name);
      setError(null);
      saveGrant(target, settled.data, devicesOf(media));
      setStage("call");
      return;
    }
    setBusy(true);
    setError(null);
    setGuestName(name);
    joinedName.current = name;
    const waiting = early.current;
    early.current = null;
    const ready = prepared.current;
    prepared.current = null;
    const result = ready ? await ready.grant : await requestJoinGrant(target, who.kind === "guest" ? name : undefined);
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
      ready?.click();
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
