import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { HelpSessionForm } from "@/components/visits/help-session-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { helpSessionOptions } from "@/lib/visits/held-persons";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("visits.help"))("title") };
}

export default async function HelpSessionPage() {
  const actor = await requirePageActor("/visits/help");
  const [options, t] = await Promise.all([helpSessionOptions(actor), getTranslations("visits.help")]);
  return (
    <>
      <PageHeader title={t("title")} description={t("intro")} />
      <HelpSessionForm options={options} />
    </>
  );
}
