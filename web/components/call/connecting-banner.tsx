"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Spinner } from "@/components/ui/spinner";

const SLOW_AFTER_MS = 10_000;

/**
 * Over the call screen until the node has let us in. The screen itself is already there (self
 * view, controls), so nothing is left to build when the join completes; after a while the banner
 * says we are still trying, so nobody gives up.
 */
export function ConnectingBanner() {
  const t = useTranslations("call");
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="absolute inset-x-0 top-2 z-20 flex justify-center px-3" role="status" data-testid="connecting-banner">
      <p className="flex max-w-md flex-col items-center gap-1 rounded-2xl bg-slate-700 px-4 py-2 text-center text-sm font-medium shadow-lg">
        <span className="flex items-center gap-2">
          <Spinner />
          {t("connecting")}
        </span>
        {slow && <span className="text-xs font-normal text-slate-200">{t("connectingSlow")}</span>}
      </p>
    </div>
  );
}
