"use client";

import { useTranslations } from "next-intl";

/** 律师会见: every side (lawyer, held person, the officer's monitor) is told it is neither heard nor recorded. */
export function PrivilegedNotice({ compact = false }: { compact?: boolean }) {
  const t = useTranslations("visitRoom.privileged");
  return (
    <div className="rounded-lg bg-sky-50 px-3 py-2 text-sky-900 shadow" data-testid="privileged-notice" role="note">
      <p className="text-sm font-semibold">{t("title")}</p>
      {!compact && <p className="text-xs">{t("body")}</p>}
    </div>
  );
}
