"use client";

import { useTranslations } from "next-intl";
import { useFieldErrorText } from "@/components/forms/use-field-error-text";

const ROLLCALL_KEYS = [
  "in_past",
  "grace_exceeds_window",
  "invalid_rrule",
  "rrule_unbounded",
  "rrule_too_many",
  "rrule_no_occurrence",
  "rrule_too_long",
  "weekdays_required",
  "until_before_start",
  "roster_empty",
  "roster_not_found",
  "already_started",
] as const;
type RollCallKey = (typeof ROLLCALL_KEYS)[number];

/** Roll-call field error keys in this area's words; every other key as the forms say it elsewhere. */
export function useRollCallFieldError() {
  const t = useTranslations("rollcall.fieldErrors");
  const common = useFieldErrorText();
  return (key: string | undefined): string | undefined => {
    const own = ROLLCALL_KEYS.find((known): known is RollCallKey => known === key);
    return own ? t(own) : common(key);
  };
}
