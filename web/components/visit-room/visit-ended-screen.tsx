"use client";

import { useTranslations } from "next-intl";
import { StatusScreen } from "@/components/call/status-screen";
import type { EndReason } from "@/lib/media-client/call-state";
import { visitEndedKind } from "./visit-ended";

export function VisitEndedScreen({ reason }: { reason: EndReason }) {
  const t = useTranslations("visitRoom.ended");
  const kind = visitEndedKind(reason);
  return (
    <StatusScreen title={t(`${kind}.title`)} testId="visit-ended" tone={kind === "on_time" ? "info" : "warning"}>
      <p data-ended={kind}>{t(`${kind}.body`)}</p>
    </StatusScreen>
  );
}
