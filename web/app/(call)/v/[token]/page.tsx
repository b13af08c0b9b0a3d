import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FamilyLinkRefusalScreen } from "@/components/visit-day/family-link-refusal";
import { FamilyVisitFlow } from "@/components/visit-day/family-visit-flow";
import { familyRefusalOf, type FamilyLinkRefusal, type FamilyLinkState } from "@/lib/client/visit-day";
import { AppError } from "@/lib/errors";
import { ZFamilyLinkParams } from "@/lib/schemas/visit-day";
import { openFamilyLink } from "@/lib/visits/day/use-family-link";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("visitDay.link"))("title") };
}

/**
 * A family member's personal visit link, usually opened on a phone. A link that opens nothing
 * (withdrawn, expired, another day, cancelled) gets its own page before any code or camera.
 */
export default async function FamilyVisitPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const opened = await open(token);
  if ("refusal" in opened) return <FamilyLinkRefusalScreen reason={opened.refusal} />;
  return <FamilyVisitFlow token={token} link={opened.link} />;
}

async function open(token: string): Promise<{ link: FamilyLinkState } | { refusal: FamilyLinkRefusal }> {
  if (!ZFamilyLinkParams.safeParse({ token }).success) return { refusal: "not_found" };
  try {
    return { link: await openFamilyLink(token) };
  } catch (error) {
    const refusal = error instanceof AppError ? familyRefusalOf({ code: error.code, fields: error.fields ?? {} }) : null;
    if (refusal) return { refusal };
    throw error;
  }
}
