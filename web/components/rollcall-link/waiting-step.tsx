"use client";

import { useFormatter, useTranslations } from "next-intl";
import { TrackVideo } from "@/components/call/track-video";
import { Spinner } from "@/components/ui/spinner";
import type { LinkState } from "@/lib/client/rollcall-link";
import { LinkCard } from "./link-card";
import { RollCallHeading } from "./roll-call-heading";
import { useNow } from "./use-now";

/**
 * Step 3: "等待工作人员开始点名", with the scheduled start and a clock; the camera stays warm, and
 * the page says when its video connection is ready (issue 14: connected before the call opens).
 */
export function WaitingStep({ link, camera, offline, joining, ready }: {
  link: LinkState;
  camera: MediaStreamTrack | null;
  offline: boolean;
  joining: boolean;
  ready: boolean;
}) {
  const t = useTranslations("rollcallLink.waiting");
  const format = useFormatter();
  const now = useNow();
  const startsAt = new Date(link.rollCall.startsAt);
  const late = now !== null && now >= startsAt;
  return (
    <LinkCard testId="waiting-step">
      <RollCallHeading rollCall={link.rollCall} step={3} />
      <h2 className="text-lg font-semibold text-brand-800">{t("heading")}</h2>
      <div className="flex items-center gap-4">
        <div className="flex-1">
          <p className="text-xs text-slate-500">{t("now")}</p>
          <p className="font-mono text-3xl font-semibold tabular-nums" data-testid="waiting-clock" suppressHydrationWarning>
            {now ? format.dateTime(now, { hour: "2-digit", minute: "2-digit", second: "2-digit" }) : "--:--:--"}
          </p>
          <p className="mt-1 text-sm text-slate-700" data-testid="waiting-starts-at">
            {t("startsAt", { time: format.dateTime(startsAt, { hour: "2-digit", minute: "2-digit" }) })}
          </p>
        </div>
        {camera && (
          <div className="relative aspect-[3/4] w-24 shrink-0 overflow-hidden rounded-lg bg-slate-800">
            <TrackVideo track={camera} mirror />
          </div>
        )}
      </div>
      <p className="text-sm text-slate-600">{t("body")}</p>
      <p className="flex items-center gap-2 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900" role="status" data-testid="waiting-status">
        <Spinner />
        {joining ? t("joining") : offline ? t("offline") : late ? t("late") : t("pending")}
      </p>
      {ready && !joining && !offline && (
        <p className="flex items-center gap-2 text-sm text-emerald-700" data-testid="waiting-ready">
          <span aria-hidden className="inline-block h-2 w-2 rounded-full bg-emerald-500" />
          {t("ready")}
        </p>
      )}
    </LinkCard>
  );
}
