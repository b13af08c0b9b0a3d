"use client";

import { useTranslations } from "next-intl";
import { CopyButton } from "./copy-button";
import { useOrigin } from "./use-origin";

/** The list's short form of the invite links: two copy buttons with the full addresses. */
export function CopyInviteButtons({ hostLink, guestLink }: { hostLink: string; guestLink: string }) {
  const t = useTranslations("rooms");
  const origin = useOrigin();
  return (
    <div className="flex flex-wrap items-start gap-2">
      <span className="flex items-center gap-1 text-sm text-slate-600">
        {t("guestLink")} <CopyButton text={origin && `${origin}${guestLink}`} label={t("guestLink")} />
      </span>
      <span className="flex items-center gap-1 text-sm text-slate-600">
        {t("hostLink")} <CopyButton text={origin && `${origin}${hostLink}`} label={t("hostLink")} />
      </span>
    </div>
  );
}
