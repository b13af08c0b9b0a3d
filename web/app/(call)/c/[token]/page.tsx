import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CheckInFlow, type CheckInLinkState } from "@/components/checkin/checkin-flow";
import { openCheckInLink } from "@/lib/checkin/open-checkin-link";
import { NotFoundError } from "@/lib/errors";
import { ZCheckInTokenParams } from "@/lib/schemas/checkin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("checkin"))("title") };
}

/** A person's standing self check-in link (kept as a QR code), opened on their phone. */
export default async function CheckInPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("checkin");
  let state: CheckInLinkState | null = null;
  if (ZCheckInTokenParams.safeParse({ token }).success) {
    try {
      state = await openCheckInLink(token);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  if (!state) return <p className="mx-auto max-w-md p-6" data-testid="checkin-not-found">{t("notFound")}</p>;
  return <CheckInFlow token={token} initial={state} />;
}
