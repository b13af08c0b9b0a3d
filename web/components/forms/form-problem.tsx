"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import type { ApiError } from "@/lib/client/api-fetch";
import { useErrorMessage } from "./use-error-message";

/** Why a form was not saved. In every case the typed values stay in the form. */
export type Problem =
  | { kind: "fields" }
  | { kind: "stale" }
  | { kind: "session" }
  | { kind: "api"; error: ApiError };

export function FormProblem({ problem, reloadHref }: { problem: Problem; reloadHref?: string | undefined }) {
  const t = useTranslations("forms");
  const errorMessage = useErrorMessage();
  switch (problem.kind) {
    case "fields":
      return <Alert tone="error">{t("fixFields")}</Alert>;
    case "stale":
      return (
        <Alert tone="warning">
          <p className="font-medium">{t("staleTitle")}</p>
          <p className="mt-1">{t("staleBody")}</p>
          {reloadHref && (
            <a href={reloadHref} target="_blank" rel="noopener" className="mt-2 inline-flex min-h-10 items-center font-medium underline">
              {t("staleOpenLatest")}
            </a>
          )}
        </Alert>
      );
    case "session":
      return (
        <Alert tone="warning">
          <p>{t("sessionExpired")}</p>
          <a href="/login" target="_blank" rel="noopener" className="mt-2 inline-flex min-h-10 items-center font-medium underline">
            {t("signInNewTab")}
          </a>
        </Alert>
      );
    case "api":
      return <Alert tone="error">{errorMessage(problem.error)}</Alert>;
  }
}
