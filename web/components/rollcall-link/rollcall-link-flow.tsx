"use client";

import { useCallback, useEffect, useState, type ReactNode } from "react";
import { EndedScreen } from "@/components/call/ended-screen";
import { useCallSession } from "@/components/call/use-call-session";
import { useLocalMedia } from "@/components/call/use-local-media";
import { usePublish } from "@/components/call/use-publish";
import { LanguageSwitch } from "@/components/layout/language-switch";
import type { DeviceChoice } from "@/lib/client/join-grant";
import { forgetLink, loadLink, saveLink, type LinkRefusal, type LinkState, type StoredLink } from "@/lib/client/rollcall-link";
import { warmUpBrowserHandler } from "@/lib/media-client/browser-handler";
import type { EndReason } from "@/lib/media-client/call-state";
import { LinkCallView } from "./link-call-view";
import { LinkRefusalScreen } from "./link-refusal-screen";
import { PreviewStep } from "./preview-step";
import { useLinkConnection } from "./use-link-connection";
import { useWaitForCall, type WaitOutcome } from "./use-wait-for-call";
import { VerifyStep } from "./verify-step";
import { WaitingStep } from "./waiting-step";

type Step = "restoring" | "verify" | "preview" | "waiting" | "call" | "refused";

/** The reason the portal gives the media node when the officer ends the roll call (lib/rollcalls/end-roll-call.ts). */
const ROLLCALL_ENDED = "rollcall_ended";

const NO_CHOICE: DeviceChoice = { audioId: null, videoId: null };

/**
 * A personal roll-call link from opening to the call: verify → device preview → wait for the
 * officer → join. The tab remembers its ticket and step, so a reload comes back to the same step
 * (and a reload during the call goes straight back in, with the same identity).
 */
export function RollCallLinkFlow({ token, initial }: { token: string; initial: LinkState }) {
  const [link, setLink] = useState(initial);
  const [step, setStep] = useState<Step>("restoring");
  const [stored, setStored] = useState<StoredLink | null>(null);
  // Apart from `stored`: saving the devices that opened must not reopen them (a camera flicker).
  const [devices, setDevices] = useState<DeviceChoice>(NO_CHOICE);
  const [refusal, setRefusal] = useState<LinkRefusal>("not_found");
  const { connection, joinWith, drop, restart } = useLinkConnection({ token, ticket: stored?.ticket ?? "", waiting: step === "waiting" });
  const withDevices = step === "preview" || step === "waiting" || step === "call";
  const media = useLocalMedia(withDevices ? devices : null);
  const { session, state } = useCallSession(connection);
  usePublish(session, "mic", media.audio);
  usePublish(session, "camera", media.video);

  const remember = useCallback(
    (next: StoredLink) => {
      setStored(next);
      saveLink(token, next);
    },
    [token],
  );

  // Once, in the browser: sessionStorage does not exist on the server.
  useEffect(() => {
    warmUpBrowserHandler();
    const saved = loadLink(token);
    setStored(saved);
    if (saved) setDevices(saved.devices);
    setStep(saved ? (saved.step === "preview" ? "preview" : "waiting") : "verify");
  }, [token]);

  const refuse = useCallback(
    (reason: LinkRefusal) => {
      forgetLink(token);
      drop();
      setRefusal(reason);
      setStep("refused");
    },
    [token, drop],
  );

  const ticket = stored?.ticket ?? "";
  const onOutcome = useCallback(
    (outcome: WaitOutcome) => {
      if (outcome.kind === "refused") return refuse(outcome.reason);
      if (outcome.kind === "reverify") {
        forgetLink(token);
        setStored(null);
        setStep("verify");
        return;
      }
      joinWith(outcome.grant);
      setStep("call");
    },
    [refuse, token, joinWith],
  );

  const waiting = useWaitForCall({
    token,
    ticket,
    startsAt: link.rollCall.startsAt,
    active: step === "waiting" && Boolean(stored),
    onLink: setLink,
    onOutcome,
  });

  /** Back to waiting: it rejoins at once while the roll call is live, or shows why it cannot. */
  const rejoin = useCallback(() => {
    drop();
    setStep("waiting");
  }, [drop]);

  const ended = step === "call" && state.phase === "ended" ? state.ended : undefined;
  // The waiting connection ended before the call (its token refused on a reconnect): a fresh one, soon.
  const waitingEnded = step === "waiting" && state.phase === "ended";
  useEffect(() => {
    if (!waitingEnded) return;
    const timer = setTimeout(restart, 3000);
    return () => clearTimeout(timer);
  }, [waitingEnded, restart]);
  const afterEnd = ended ? afterCallEnded(ended) : null;
  useEffect(() => {
    if (afterEnd === "ask") rejoin();
    if (afterEnd === "over") refuse("ended");
  }, [afterEnd, rejoin, refuse]);

  const chrome = (content: ReactNode) => (
    <div className="flex flex-1 flex-col">
      <div className="flex justify-end p-2">
        <LanguageSwitch />
      </div>
      {content}
    </div>
  );

  switch (step) {
    case "restoring":
      return null;
    case "refused":
      return <LinkRefusalScreen reason={refusal} />;
    case "verify":
      return chrome(
        <VerifyStep
          token={token}
          link={link}
          onVerified={(ticket) => {
            remember({ ticket, step: "preview", devices: NO_CHOICE });
            setStep("preview");
          }}
          onRefused={refuse}
        />,
      );
    case "preview":
      return chrome(
        <PreviewStep
          link={link}
          media={media}
          onDevices={(choice) => {
            setDevices(choice);
            if (stored) remember({ ...stored, devices: choice });
          }}
          onContinue={() => {
            if (stored) remember({ ...stored, step: "ready", devices: devicesOf(media) });
            setStep("waiting");
          }}
        />,
      );
    case "waiting":
      return chrome(<WaitingStep link={link} camera={media.video} offline={waiting.offline} joining={waiting.joining} ready={state.readyToJoin === true} />);
    case "call":
      if (ended && afterEnd === "show") return <EndedScreen reason={ended} onRestart={rejoin} backHref={null} />;
      return <LinkCallView session={session} state={state} title={link.rollCall.title} selfName="" cameraTrack={media.video} />;
  }
}

/**
 * What follows the end of the call. The portal closed the room because the officer ended the roll
 * call, or the room is barred: it is over. The room closed for another reason (the node lost it):
 * ask the link again, which rejoins or says why not. Anything else (left, removed, token refused)
 * is shown with its reason and waits for the person, so nothing loops by itself.
 */
function afterCallEnded(reason: EndReason): "over" | "ask" | "show" {
  if (reason.kind === "closed") return reason.message === ROLLCALL_ENDED ? "over" : "ask";
  if (reason.kind === "refused" && reason.code === "room_closed") return "over";
  return "show";
}

function devicesOf(media: { audio: MediaStreamTrack | null; video: MediaStreamTrack | null }): DeviceChoice {
  return { audioId: media.audio?.getSettings().deviceId ?? null, videoId: media.video?.getSettings().deviceId ?? null };
}
