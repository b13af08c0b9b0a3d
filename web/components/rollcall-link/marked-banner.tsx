"use client";

import { useTranslations } from "next-intl";
import type { CallState } from "@/lib/media-client/call-state";
import { STATUS_COLOURS } from "@/lib/pages/roll-call-display";

/**
 * What the officer decided about us, the moment it is saved (the node pushes `marked` to this
 * peer alone): "已签到", or 迟到 / 请假 / 缺席 as marked. A later mark replaces it.
 */
export function MarkedBanner({ marked }: { marked: NonNullable<CallState["marked"]> }) {
  const t = useTranslations("rollcallPass2.marked");
  const text = t(marked.status);
  return (
    <div role="status" data-testid="marked-banner" data-status={marked.status} data-make-up={marked.makeUp || undefined} className={`mx-3 rounded-lg px-4 py-3 text-center shadow-lg ${STATUS_COLOURS[marked.status].chip}`}>
      <p className="text-lg font-semibold">{marked.makeUp ? t("makeUp", { status: text }) : text}</p>
      <p className="text-sm opacity-90">{t("hint")}</p>
    </div>
  );
}
