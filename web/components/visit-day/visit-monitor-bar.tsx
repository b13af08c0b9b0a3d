"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { peerMicStatus } from "@/components/call/call-tiles";
import { Button } from "@/components/ui/button";
import { startVisit } from "@/lib/client/visit-day";
import type { CallSession } from "@/lib/media-client/call-session";
import type { CallState } from "@/lib/media-client/call-state";
import { VisitSnapshots } from "./visit-snapshots";

const isFamily = (peerId: string) => peerId.startsWith("visitor:") || peerId.startsWith("family:");
const isHeld = (peerId: string) => peerId.startsWith("held:");

/**
 * The monitor's visit-day controls over the call: who waits in the waiting room, "start" (the
 * facility officer, once both sides wait: the portal records the start, then both are admitted)
 * and mute/unmute per side, and the visitors' home verification photos on demand. Warnings and
 * termination are the call view's MonitorActions.
 */
export function VisitMonitorBar({ visitId, session, state, canStart }: { visitId: string; session: CallSession | null; state: CallState; canStart: boolean }) {
  const t = useTranslations("visitDay.staff");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const waiting = state.lobby;
  const bothWaiting = waiting.some((p) => isFamily(p.peerId)) && waiting.some((p) => isHeld(p.peerId));
  const sides = state.peers.filter((p) => !p.observer && (isFamily(p.id) || isHeld(p.id)));

  async function start() {
    if (!session) return;
    setBusy(true);
    setError(null);
    const started = await startVisit(visitId);
    if (!started.ok) {
      setBusy(false);
      return setError(t("startFailed", { message: started.error.message }));
    }
    await Promise.all(waiting.map((p) => session.admit(p.peerId).catch(() => undefined)));
    setBusy(false);
  }

  if (state.phase !== "joined" && state.phase !== "reconnecting") return null;
  return (
    <div className="pointer-events-auto fixed inset-x-2 bottom-24 z-40 mx-auto flex max-w-lg flex-col gap-2 rounded-lg bg-white/95 p-3 text-sm text-slate-900 shadow-xl" data-testid="visit-monitor-bar">
      <p className="text-xs text-slate-600">{t("unseen")}</p>
      {(waiting.length > 0 || sides.length === 0) && (
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{t("waiting")}:</span>
          <span data-testid="visit-waiting-list">{waiting.length ? waiting.map((p) => p.name).join("、") : t("waitingNone")}</span>
          {canStart && (
            <Button busy={busy} disabled={!bothWaiting} onClick={() => void start()} title={bothWaiting ? undefined : t("startHint")}>
              {t("start")}
            </Button>
          )}
        </div>
      )}
      {sides.length > 0 && (
        <div className="flex flex-wrap gap-2">
          {sides.map((peer) => {
            const muted = peerMicStatus(peer) !== "on";
            return (
              <Button key={peer.id} variant="secondary" onClick={() => void (muted ? session?.unmute(peer.id, "mic") : session?.mute(peer.id, "mic"))?.catch(() => undefined)}>
                {muted ? t("unmuteSide", { name: peer.name }) : t("muteSide", { name: peer.name })}
              </Button>
            );
          })}
        </div>
      )}
      <VisitSnapshots visitId={visitId} />
      {error && <p className="text-red-700" role="alert">{error}</p>}
    </div>
  );
}
