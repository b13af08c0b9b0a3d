import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApplyForm } from "@/components/visits/apply-form";
import { visitOptions } from "@/lib/visits/public-options";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("visits.apply"))("title") };
}

/** The public application page: no session; the API behind it checks origin and rate limits. */
export default async function VisitApplyPage() {
  const [options, t] = await Promise.all([visitOptions(), getTranslations("visits.apply")]);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">{t("title")}</h1>
      <p className="mb-4 text-sm text-slate-600">{t("intro")}</p>
      <ApplyForm options={options} />
    </>
  );
}
