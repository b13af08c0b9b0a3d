"use client";

import { useEffect, useMemo, useState } from "react";
import { CallRoom } from "@/components/call/call-room";
import { useCallSession, type Connection } from "@/components/call/use-call-session";
import { requestJoinGrant, type JoinTarget } from "@/lib/client/join-grant";
import { warmUpBrowserHandler } from "@/lib/media-client/browser-handler";
import { tokenProvider } from "@/lib/media-client/token-provider";
import { StatusScreen } from "@/components/call/status-screen";
import { VisitMonitorBar } from "./visit-monitor-bar";

/**
 * The officer's monitor: joins unseen at once (no camera, no device check), shows both sides
 * (and, in a privileged visit, no sound: the node sends none), with the waiting room and start
 * above the call and the call view's own warning and terminate actions.
 */
export function VisitMonitorFlow({ visitId, title, canStart, backHref }: { visitId: string; title: string; canStart: boolean; backHref: string }) {
  const target = useMemo<JoinTarget>(() => ({ kind: "visit", visitId, side: "monitor" }), [visitId]);
  const [connection, setConnection] = useState<Connection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const { session, state } = useCallSession(connection);

  useEffect(() => {
    warmUpBrowserHandler();
    let cancelled = false;
    void requestJoinGrant(target).then((grant) => {
      if (cancelled) return;
      if (!grant.ok) return setError(grant.error.message);
      setConnection({ mediaUrl: grant.data.mediaUrl, token: grant.data.token, refreshToken: tokenProvider(() => requestJoinGrant(target)) });
    });
    return () => {
      cancelled = true;
    };
  }, [target, attempt]);

  if (error) return <StatusScreen title={error} testId="visit-monitor-error" tone="warning" />;
  return (
    <>
      <CallRoom session={session} state={state} roomTitle={title} selfName="" cameraTrack={null} backHref={backHref} onEnded={() => undefined} onRestart={() => { setConnection(null); setAttempt((n) => n + 1); }} />
      <VisitMonitorBar visitId={visitId} session={session} state={state} canStart={canStart} />
    </>
  );
}
