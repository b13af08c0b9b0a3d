import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button-styles";

export async function NotFoundMessage() {
  const t = await getTranslations("notFound");
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center gap-4 px-4 py-16 text-center">
      <p className="text-5xl font-bold text-brand-200">404</p>
      <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("body")}</p>
      <Link href="/" className={buttonClass("primary")}>
        {t("home")}
      </Link>
    </div>
  );
}
