"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { CallState } from "@/lib/media-client/call-state";

type Notice = CallState["notices"][number];

/**
 * The monitor's latest notice, across the top of both sides' screens until read. A preset is
 * shown in the reader's language; free text as the officer wrote it (the node has already
 * refused line breaks and control characters, and React escapes it).
 */
export function RoomNoticeBanner({ notices }: { notices: Notice[] }) {
  const t = useTranslations("visitRoom.notice");
  const [dismissed, setDismissed] = useState<string | null>(null);
  const latest = notices.at(-1);
  if (!latest || latest.noticeId === dismissed) return null;
  const text = latest.preset ? t(`preset.${latest.preset}`) : latest.text;
  return (
    // In the flow under the countdown, not over it: the time left and the warning stay readable.
    <div className="flex justify-center px-3 pb-1" data-testid="room-notice" data-notice-id={latest.noticeId}>
      <div role="alert" className="flex w-full max-w-lg items-start gap-3 rounded-lg border-l-4 border-amber-500 bg-white p-2.5 text-slate-900 shadow-xl">
        <div className="min-w-0 flex-1">
          <p className="text-xs font-semibold text-amber-700">{t("title")}</p>
          <p className="break-words text-base font-medium" data-testid="room-notice-text">{text}</p>
        </div>
        <button type="button" className="shrink-0 rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100" onClick={() => setDismissed(latest.noticeId)}>
          {t("dismiss")}
        </button>
      </div>
    </div>
  );
}
