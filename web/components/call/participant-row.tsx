"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import type { PeerInfo } from "../../../server/src/protocol/entities.ts";
import { controlClass } from "@/components/ui/field";
import type { MicStatus } from "./call-tiles";
import { MicBadge } from "./mic-badge";

interface ParticipantRowProps {
  peer: PeerInfo;
  mic: MicStatus;
  isSelf: boolean;
  /** Whether we may moderate this peer (we are a host, it is not us). */
  canModerate: boolean;
  onMute: (peerId: string) => void;
  onRemove: (peerId: string, reason: string) => void;
}

const small = "min-h-10 rounded-md px-3 text-sm font-medium";

/** One person in the list; a host can mute them, or remove them with a reason they will read. */
export function ParticipantRow({ peer, mic, isSelf, canModerate, onMute, onRemove }: ParticipantRowProps) {
  const t = useTranslations("call");
  const [removing, setRemoving] = useState(false);
  const [reason, setReason] = useState("");
  const reasonId = useId();
  const role = peer.observer ? "observer" : peer.moderator ? "moderator" : peer.role;

  function confirmRemove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onRemove(peer.id, reason.trim() || t("panel.removeDefaultReason"));
    setRemoving(false);
  }

  return (
    <li className="flex flex-col gap-2 px-3 py-2" data-peer-id={peer.id} data-testid="participant">
      <div className="flex items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate font-medium">{isSelf ? t("you", { name: peer.name }) : peer.name}</p>
          <p className="text-xs text-slate-400">
            {t(`role.${role}`)}
            {!peer.connected && ` · ${t("peerReconnecting")}`}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-1">
          {!peer.observer && <MicBadge status={mic} />}
          {canModerate && mic === "on" && (
            <button type="button" className={`${small} bg-slate-700 hover:bg-slate-600`} onClick={() => onMute(peer.id)} aria-label={t("panel.muteNamed", { name: peer.name })}>
              {t("panel.mute")}
            </button>
          )}
          {canModerate && !removing && (
            <button
              type="button"
              className={`${small} text-red-300 hover:bg-red-900/40`}
              onClick={() => setRemoving(true)}
              aria-label={t("panel.removeNamed", { name: peer.name })}
            >
              {t("panel.remove")}
            </button>
          )}
        </div>
      </div>
      {removing && (
        <form onSubmit={confirmRemove} className="flex flex-col gap-2 rounded-md bg-slate-800 p-2">
          <label htmlFor={reasonId} className="text-xs text-slate-300">
            {t("panel.removeReason")}
          </label>
          <input id={reasonId} className={controlClass()} value={reason} maxLength={200} onChange={(event) => setReason(event.target.value)} autoFocus />
          <div className="flex gap-2">
            <button type="submit" className={`${small} bg-red-600 hover:bg-red-700`}>
              {t("panel.removeConfirm")}
            </button>
            <button type="button" className={`${small} bg-slate-700 hover:bg-slate-600`} onClick={() => setRemoving(false)}>
              {t("panel.cancel")}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
