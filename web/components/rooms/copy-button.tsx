"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `text`; says "copied" for a moment, or tells the officer to copy by hand. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useTranslations("rooms");
  const [result, setResult] = useState<"copied" | "failed" | null>(null);

  useEffect(() => {
    if (result !== "copied") return;
    const timer = setTimeout(() => setResult(null), 2000);
    return () => clearTimeout(timer);
  }, [result]);

  async function copy() {
    try {
      // The Clipboard API needs a secure context (https, or localhost during development).
      await navigator.clipboard.writeText(text);
      setResult("copied");
    } catch {
      setResult("failed");
    }
  }

  return (
    <span className="inline-flex flex-col">
      <Button variant="secondary" onClick={copy} aria-label={t("copyNamed", { label })} disabled={!text}>
        {result === "copied" ? t("copied") : t("copy")}
      </Button>
      <span role="status" className="sr-only">
        {result === "copied" ? t("copied") : ""}
      </span>
      {result === "failed" && <span className="mt-1 max-w-48 text-xs text-red-700">{t("copyFailed")}</span>}
    </span>
  );
}
