"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorMessage } from "@/components/forms/use-error-message";
import { apiFetch } from "@/lib/client/api-fetch";

/** Places or lifts a file's legal hold (audited by the portal); the new state shows at once. */
export function LegalHoldButton({ recordingId, initial }: { recordingId: string; initial: boolean }) {
  const t = useTranslations("recording.files");
  const errorMessage = useErrorMessage();
  const [held, setHeld] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle() {
    setBusy(true);
    setError(null);
    const result = await apiFetch<{ id: string; legalHold: boolean }>("POST", `/api/v1/recordings/${encodeURIComponent(recordingId)}/legal-hold`, { hold: !held });
    setBusy(false);
    if (result.ok) setHeld(result.data.legalHold);
    else setError(errorMessage(result.error));
  }

  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={() => void toggle()}
        disabled={busy}
        aria-pressed={held}
        className={`min-h-9 rounded-md px-3 text-sm disabled:opacity-50 ${held ? "bg-amber-100 text-amber-900 hover:bg-amber-200" : "bg-slate-100 text-slate-800 hover:bg-slate-200"}`}
        data-testid="legal-hold"
      >
        {held ? t("liftHold") : t("placeHold")}
      </button>
      {error && <span className="text-xs text-red-700" role="alert">{error}</span>}
    </span>
  );
}
