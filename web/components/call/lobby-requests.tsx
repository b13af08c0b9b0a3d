"use client";

import { useTranslations } from "next-intl";
import type { CallState } from "@/lib/media-client/call-state";

const small = "min-h-10 rounded-md px-3 text-sm font-medium";

/** Who knocks at a room that asks for admission; a host lets each in or turns them away. */
export function LobbyRequests({ waiting, onAdmit, onReject }: {
  waiting: CallState["lobby"];
  onAdmit: (peerId: string) => void;
  onReject: (peerId: string) => void;
}) {
  const t = useTranslations("call.panel");
  if (waiting.length === 0) return null;
  return (
    <section className="border-b border-white/10 bg-amber-400/10 px-3 py-2" data-testid="lobby-requests" aria-live="polite">
      <h3 className="text-sm font-semibold text-amber-200">{t("lobby", { count: waiting.length })}</h3>
      <ul className="mt-1 flex flex-col gap-1">
        {waiting.map((entry) => (
          <li key={entry.peerId} className="flex items-center justify-between gap-2">
            <span className="min-w-0 truncate">{entry.name}</span>
            <span className="flex shrink-0 gap-1">
              <button type="button" className={`${small} bg-emerald-600 hover:bg-emerald-700`} onClick={() => onAdmit(entry.peerId)} aria-label={t("admitNamed", { name: entry.name })}>
                {t("admit")}
              </button>
              <button type="button" className={`${small} bg-slate-700 hover:bg-slate-600`} onClick={() => onReject(entry.peerId)} aria-label={t("rejectNamed", { name: entry.name })}>
                {t("reject")}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
