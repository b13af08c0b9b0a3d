import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { BrandMark } from "@/components/layout/brand-mark";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { getPageActor } from "@/lib/auth/page-actor";
import { safeReturnPath } from "@/lib/auth/safe-return-path";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next } = await searchParams;
  const returnTo = safeReturnPath(typeof next === "string" ? next : undefined);
  if (await getPageActor()) redirect(returnTo);
  const t = await getTranslations();
  return (
    <div className="flex min-h-dvh flex-col bg-gradient-to-b from-brand-800 to-brand-600">
      <div className="flex justify-end p-3">
        <LanguageSwitch />
      </div>
      <main className="flex flex-1 items-start justify-center px-4 pb-16 pt-6 sm:items-center sm:pt-0">
        <div className="w-full max-w-sm rounded-xl bg-white p-6 shadow-xl sm:p-8">
          <div className="mb-6 flex flex-col items-center gap-2 text-center">
            <BrandMark className="size-12" />
            <h1 className="text-xl font-semibold text-slate-900">{t("app.name")}</h1>
            <p className="text-sm text-slate-500">{t("login.subtitle")}</p>
          </div>
          <LoginForm returnTo={returnTo} />
        </div>
      </main>
    </div>
  );
}
