"use client";

import { useTranslations } from "next-intl";
import type { ApiError } from "@/lib/client/api-fetch";

const KNOWN_CODES = [
  "network",
  "timeout",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "csrf_failed",
  "rate_limited",
  "invalid_input",
  "invalid_json",
  "payload_too_large",
  "internal",
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

/** A failed API call → one sentence that says what happened and what to do about it. */
export function useErrorMessage() {
  const t = useTranslations("errors");
  return (error: ApiError): string => {
    if (error.fields.version === "stale") return t("stale");
    const code = KNOWN_CODES.find((known): known is KnownCode => known === error.code);
    return code ? t(code) : t("unknown", { status: error.status });
  };
}
