"use client";

import { useTranslations } from "next-intl";
import { Spinner } from "@/components/ui/spinner";
import type { CallState } from "@/lib/media-client/call-state";

/** Over the call while it rebuilds itself; the tiles stay, and it goes away by itself. */
export function ReconnectingBanner({ reason }: { reason: NonNullable<CallState["reconnecting"]> }) {
  const t = useTranslations("call.reconnecting");
  return (
    <div className="absolute inset-x-0 top-2 z-20 flex justify-center px-3" role="status" data-testid="reconnecting-banner">
      <p className="flex items-center gap-2 rounded-full bg-amber-400 px-4 py-2 text-sm font-medium text-slate-900 shadow-lg">
        <Spinner />
        {t(reason)}
      </p>
    </div>
  );
}
