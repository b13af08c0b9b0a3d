"use client";

import { useTranslations } from "next-intl";

const FIELD_ERROR_KEYS = [
  "required",
  "too_long",
  "too_short",
  "too_big",
  "too_small",
  "invalid_type",
  "invalid_choice",
  "invalid_format",
  "unknown_field",
  "invalid_id_number",
  "invalid_phone",
  "end_before_start",
  "duplicate",
  "not_found",
  "not_justice_office",
  "stale",
  "no_children_allowed",
  "invalid",
] as const;
type FieldErrorKey = (typeof FIELD_ERROR_KEYS)[number];

/** A field error key from the shared schema or the API → the sentence shown under the field. */
export function useFieldErrorText() {
  const t = useTranslations("fieldErrors");
  return (key: string | undefined): string | undefined => {
    if (!key) return undefined;
    return t(FIELD_ERROR_KEYS.find((known): known is FieldErrorKey => known === key) ?? "invalid");
  };
}
