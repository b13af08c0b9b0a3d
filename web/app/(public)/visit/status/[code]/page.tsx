import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { StatusView } from "@/components/visits/status-view";
import { ZVisitCodeParams } from "@/lib/schemas/visits";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("visits.status"))("title") };
}

/** Nothing is read until the last 4 of the ID number are given: the page itself reveals nothing. */
export default async function VisitStatusPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!ZVisitCodeParams.safeParse({ visitCode: code }).success) notFound();
  const t = await getTranslations("visits.status");
  return (
    <>
      <h1 className="mb-3 text-xl font-semibold">{t("title")}</h1>
      <StatusView code={code} />
    </>
  );
}
