"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { CallSession } from "@/lib/media-client/call-session";
import type { CallState } from "@/lib/media-client/call-state";
import { peerMicStatus, selfMicStatus } from "./call-tiles";
import { LobbyRequests } from "./lobby-requests";
import { ParticipantRow } from "./participant-row";

const small = "min-h-10 rounded-md px-3 text-sm font-medium";

/**
 * Everyone in the room, ourselves first. Hosts also get the lobby, mute, remove, mute all,
 * lock and end-for-everyone; the node refuses all of these to anyone else anyway.
 */
export function ParticipantsPanel({ state, session, onClose, onFailed }: {
  state: CallState;
  session: CallSession | null;
  onClose: () => void;
  onFailed: () => void;
}) {
  const t = useTranslations("call.panel");
  const [ending, setEnding] = useState(false);
  const moderator = state.self?.moderator ?? false;
  const run = (action: () => Promise<unknown> | undefined) => void Promise.resolve(action()).catch(onFailed);
  const people = state.self ? [state.self, ...state.peers] : state.peers;
  const muteAll = () =>
    run(() =>
      Promise.all(
        state.peers.filter((peer) => !peer.moderator && !peer.observer && peerMicStatus(peer) === "on").map((peer) => session?.mute(peer.id, "mic")),
      ),
    );

  return (
    <aside
      className="fixed inset-0 z-40 flex flex-col bg-slate-900 text-white lg:static lg:z-auto lg:w-80 lg:border-l lg:border-white/10"
      aria-label={t("title", { count: people.length })}
      data-testid="participants-panel"
    >
      <header className="flex items-center justify-between gap-2 border-b border-white/10 px-3 py-2">
        <h2 className="font-semibold">{t("title", { count: people.length })}</h2>
        <button type="button" onClick={onClose} className="inline-flex size-10 items-center justify-center rounded-md hover:bg-white/10" aria-label={t("close")}>
          <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
            <path d="M6 6l12 12M18 6L6 18" />
          </svg>
        </button>
      </header>
      {moderator && (
        <LobbyRequests
          waiting={state.lobby}
          onAdmit={(peerId) => run(() => session?.admit(peerId))}
          onReject={(peerId) => run(() => session?.reject(peerId, t("rejectDefaultReason")))}
        />
      )}
      {moderator && (
        <div className="flex flex-wrap gap-2 border-b border-white/10 px-3 py-2">
          <button type="button" className={`${small} bg-slate-700 hover:bg-slate-600`} onClick={muteAll}>
            {t("muteAll")}
          </button>
          <button type="button" className={`${small} bg-slate-700 hover:bg-slate-600`} aria-pressed={state.locked} title={t("lockHint")} onClick={() => run(() => session?.lock(!state.locked))}>
            {state.locked ? t("unlock") : t("lock")}
          </button>
        </div>
      )}
      <ul className="flex-1 divide-y divide-white/10 overflow-y-auto">
        {people.map((peer) => (
          <ParticipantRow
            key={peer.id}
            peer={peer}
            mic={peer.id === state.self?.id ? selfMicStatus(state) : peerMicStatus(peer)}
            isSelf={peer.id === state.self?.id}
            canModerate={moderator && peer.id !== state.self?.id && !peer.observer}
            onMute={(peerId) => run(() => session?.mute(peerId, "mic"))}
            onRemove={(peerId, reason) => run(() => session?.remove(peerId, reason))}
          />
        ))}
      </ul>
      {moderator && (
        <footer className="border-t border-white/10 p-3">
          {ending ? (
            <div className="flex flex-col gap-2 text-sm">
              <p>{t("endForAllConfirm")}</p>
              <div className="flex gap-2">
                <button type="button" className={`${small} bg-red-600 hover:bg-red-700`} onClick={() => run(() => session?.closeRoom(t("endedByHost")))}>
                  {t("endForAllYes")}
                </button>
                <button type="button" className={`${small} bg-slate-700 hover:bg-slate-600`} onClick={() => setEnding(false)}>
                  {t("cancel")}
                </button>
              </div>
            </div>
          ) : (
            <button type="button" className={`${small} w-full text-red-300 ring-1 ring-red-400/50 hover:bg-red-900/40`} onClick={() => setEnding(true)}>
              {t("endForAll")}
            </button>
          )}
        </footer>
      )}
    </aside>
  );
}
