"use client";

import { useTranslations } from "next-intl";
import { StatusScreen } from "@/components/call/status-screen";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { RoomNoticeBanner } from "@/components/visit-room/room-notice-banner";
import type { CallState } from "@/lib/media-client/call-state";

/** The visit's waiting room: until both sides are here and the facility officer starts the visit. */
export function VisitWaitingScreen({ state, onLeave }: { state: CallState; onLeave: () => void }) {
  const t = useTranslations("visitDay.link");
  return (
    <div className="flex flex-1 flex-col">
      <RoomNoticeBanner notices={state.notices} />
      <StatusScreen title={t("waitingTitle")} testId="visit-waiting">
        <Spinner className="size-8 text-brand-600" />
        <p>{t("waitingBody")}</p>
        <Button variant="secondary" onClick={onLeave}>{t("leave")}</Button>
      </StatusScreen>
    </div>
  );
}
