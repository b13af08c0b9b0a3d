"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";

const TOAST_MS = 4000;

/**
 * The short message over the call when something we asked for did not happen: a failed action,
 * a request the node refused, or unmuting after a moderator's mute. It goes away by itself.
 */
export function useCallToast(notice: string | undefined) {
  const t = useTranslations("call");
  const [toast, setToast] = useState<string | null>(null);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);
  useEffect(() => {
    if (notice) setToast(t("actionFailed"));
  }, [notice, t]);
  const mutedByModerator = useCallback(() => setToast(t("mutedByModerator")), [t]);
  const failed = useCallback(() => setToast(t("actionFailed")), [t]);
  return { toast, mutedByModerator, failed };
}

export function CallToast({ text }: { text: string }) {
  return (
    <p className="absolute inset-x-3 bottom-24 z-30 mx-auto max-w-md rounded-md bg-slate-800 px-3 py-2 text-center text-sm shadow-lg" role="alert">
      {text}
    </p>
  );
}
