"use client";

import { useTranslations } from "next-intl";
import { StatusScreen } from "@/components/call/status-screen";
import type { FamilyLinkRefusal } from "@/lib/client/visit-day";

/** A family link that opens nothing: each reason its own words and what to do next. */
export function FamilyLinkRefusalScreen({ reason }: { reason: FamilyLinkRefusal }) {
  const t = useTranslations("visitDay.refusal");
  return (
    <StatusScreen title={t(`${reason}.title`)} testId="visit-link-refused" tone="warning">
      <p data-reason={reason}>{t(`${reason}.body`)}</p>
    </StatusScreen>
  );
}
