"use client";

import { useTranslations } from "next-intl";
import type { CallState } from "@/lib/media-client/call-state";

/** Who is being called: loud when it is us ("look at the camera"), a quiet line otherwise. */
export function SpotlightBanner({ spotlight, selfId }: { spotlight: NonNullable<CallState["spotlight"]>; selfId: string | undefined }) {
  const t = useTranslations("rollcallLink.call");
  const calledSelf = spotlight.peerId === selfId;
  return (
    <p
      role={calledSelf ? "alert" : "status"}
      data-testid="spotlight-banner"
      data-called-self={calledSelf}
      className={
        calledSelf
          ? "mx-3 rounded-lg bg-amber-400 px-4 py-3 text-center text-lg font-semibold text-slate-900 shadow-lg"
          : "mx-3 rounded-md bg-white/10 px-3 py-1.5 text-center text-sm text-slate-100"
      }
    >
      {calledSelf ? t("calledYou") : t("calling", { name: spotlight.name })}
    </p>
  );
}
