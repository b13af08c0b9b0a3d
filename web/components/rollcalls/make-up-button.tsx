"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorMessage } from "@/components/forms/use-error-message";
import { apiFetch } from "@/lib/client/api-fetch";

/**
 * 补点 for a person marked 缺席, within the window after the end: starts (or finds) the make-up
 * call and opens its page, where the person's link is handed over and the console opened.
 */
export function MakeUpButton({ rollCallId, entryId, personName }: { rollCallId: string; entryId: string; personName: string }) {
  const t = useTranslations("rollcallPass2.makeUp");
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setProblem(null);
    const result = await apiFetch<{ rollCallId: string }>("POST", `/api/v1/rollcalls/${encodeURIComponent(rollCallId)}/entries/${encodeURIComponent(entryId)}/make-up`);
    setBusy(false);
    if (!result.ok) return setProblem(t("failed", { message: errorMessage(result.error) }));
    router.push(`/rollcalls/${result.data.rollCallId}`);
  };
  return (
    <span className="mt-1 flex flex-col gap-1">
      <button
        type="button"
        onClick={() => void start()}
        disabled={busy}
        className="w-fit rounded border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60"
        aria-label={`${t("button")} ${personName}`}
        data-testid="make-up"
      >
        {t("button")}
      </button>
      {problem && (
        <span role="alert" className="text-xs text-red-700">
          {problem}
        </span>
      )}
    </span>
  );
}
