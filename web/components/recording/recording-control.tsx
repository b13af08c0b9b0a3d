"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { CallSession } from "@/lib/media-client/call-session";
import type { CallState } from "@/lib/media-client/call-state";
import { SignalingError } from "@/lib/media-client/signaling-client";
import { recordingAction, recordingProblem } from "./recording-control-model";

/**
 * The moderator's start/stop for an optional recording (meetings, roll calls), and what to do
 * when the recorder cannot record. Nothing for a room whose recording is fixed by its terms
 * (visits must record, privileged visits never do): the node would refuse the request anyway.
 */
export function RecordingControl({ session, state, tone = "dark" }: { session: CallSession | null; state: CallState; tone?: "dark" | "light" }) {
  const t = useTranslations("recording.control");
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  if (!state.self?.moderator || state.phase !== "joined") return null;
  const action = recordingAction(state);
  const problem = recordingProblem(state, refused);

  const run = async () => {
    if (!session || action === "none") return;
    setBusy(true);
    setRefused(null);
    try {
      if (action === "start") await session.startRecording();
      else await session.stopRecording();
    } catch (failure) {
      setRefused(failure instanceof SignalingError ? failure.code : "internal");
    } finally {
      setBusy(false);
    }
  };

  const button =
    action === "start"
      ? "bg-red-600 text-white hover:bg-red-700"
      : tone === "dark"
        ? "bg-white/10 text-white hover:bg-white/20"
        : "bg-slate-200 text-slate-900 hover:bg-slate-300";
  return (
    <div className="flex flex-col items-center gap-1" data-testid="recording-control" data-recording={state.recording?.state ?? "unknown"}>
      {action !== "none" && (
        <button type="button" onClick={() => void run()} disabled={busy || !session} className={`min-h-9 rounded-md px-3 text-sm font-medium disabled:opacity-50 ${button}`} data-testid={`recording-${action}`}>
          {busy ? t("busy") : t(action)}
        </button>
      )}
      {problem && (
        <p className="max-w-md rounded-md bg-amber-400 px-3 py-1.5 text-center text-sm text-slate-900" role="alert" data-testid="recording-problem" data-reason={problem}>
          {t(`problem.${problem}`)}
        </p>
      )}
    </div>
  );
}
