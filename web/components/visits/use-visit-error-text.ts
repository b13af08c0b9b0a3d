"use client";

import { useTranslations } from "next-intl";
import { useFieldErrorText } from "@/components/forms/use-field-error-text";

const VISIT_KEYS = ["not_eligible", "unsupported_type", "monthly_limit", "slot_taken", "not_a_slot", "too_many", "duplicate", "in_past", "closed", "banned"] as const;

/** Field error keys of the visit domain first, then the shared ones. */
export function useVisitErrorText() {
  const t = useTranslations("visits.fieldErrors");
  const shared = useFieldErrorText();
  return (key: string | undefined): string | undefined => {
    if (!key) return undefined;
    const own = VISIT_KEYS.find((k) => k === key);
    return own ? t(own) : shared(key);
  };
}
