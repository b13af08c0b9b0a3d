"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Spinner } from "@/components/ui/spinner";

const PROBE_EVERY_MS = 3000;

/**
 * On every call page: says "video service starting" while the media node does not answer (the
 * first start builds its worker for minutes while the portal already serves; a crashed node is
 * being restarted). The pages connect by themselves once it answers; this only says why they wait.
 * A no-cors request is enough: an answer of any kind means the node is up, a refused connection
 * means it is not. The media node's origin is already in the pages' CSP connect-src.
 */
export function MediaServiceNotice({ mediaUrl }: { mediaUrl: string }) {
  const t = useTranslations("call");
  const [down, setDown] = useState(false);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const probe = async () => {
      let up: boolean;
      try {
        await fetch(new URL("/health", mediaUrl), { mode: "no-cors", cache: "no-store", signal: AbortSignal.timeout(5000) });
        up = true;
      } catch {
        up = false;
      }
      if (stopped) return;
      setDown(!up);
      // Once up, stop asking: a later outage shows as the call's own reconnecting banner.
      if (!up) timer = setTimeout(() => void probe(), PROBE_EVERY_MS);
    };
    void probe();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [mediaUrl]);
  if (!down) return null;
  return (
    <div className="flex justify-center bg-amber-500 px-3 py-2 text-center text-sm font-medium text-slate-950" role="status" data-testid="media-service-starting">
      <span className="flex items-center gap-2">
        <Spinner />
        {t("mediaServiceStarting")}
      </span>
    </div>
  );
}
