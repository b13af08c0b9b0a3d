"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALE_COOKIE, LOCALES, type Locale } from "@/i18n/locales";

export function LanguageSwitch({ tone = "dark" }: { tone?: "dark" | "light" }) {
  const t = useTranslations("language");
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function choose(locale: Locale) {
    if (locale === current) return;
    document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${365 * 24 * 3600}; samesite=lax`;
    startTransition(() => router.refresh());
  }

  const idle = tone === "dark" ? "text-brand-100 hover:bg-white/10" : "text-slate-600 hover:bg-slate-100";
  const selected = tone === "dark" ? "bg-white text-brand-800" : "bg-brand-600 text-white";
  return (
    <div role="group" aria-label={t("label")} aria-busy={pending || undefined} className="inline-flex gap-1">
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={locale === current}
          disabled={pending}
          onClick={() => choose(locale)}
          className={`min-h-10 min-w-10 rounded-md px-2 text-sm font-medium ${locale === current ? selected : idle}`}
        >
          {t(locale)}
        </button>
      ))}
    </div>
  );
}
