import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LinkRefusalScreen } from "@/components/rollcall-link/link-refusal-screen";
import { RollCallLinkFlow } from "@/components/rollcall-link/rollcall-link-flow";
import { refusalOf, type LinkRefusal, type LinkState } from "@/lib/client/rollcall-link";
import { AppError } from "@/lib/errors";
import { openPersonalLink } from "@/lib/rollcalls/verify-personal-link";
import { ZLinkTokenParams } from "@/lib/schemas/rollcalls";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rollcallLink"))("title") };
}

/**
 * A supervised person's personal roll-call link, usually opened on a phone. A link that cannot
 * be used gets its own page, before anyone is asked for a code or a camera.
 */
export default async function RollCallLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const opened = await open(token);
  if ("refusal" in opened) return <LinkRefusalScreen reason={opened.refusal} />;
  return <RollCallLinkFlow token={token} initial={opened.link} />;
}

async function open(token: string): Promise<{ link: LinkState } | { refusal: LinkRefusal }> {
  if (!ZLinkTokenParams.safeParse({ token }).success) return { refusal: "not_found" };
  try {
    // Ended and cancelled roll calls are refused above this, so the state is scheduled or live.
    return { link: (await openPersonalLink(token)) as LinkState };
  } catch (error) {
    const refusal = error instanceof AppError ? refusalOf({ code: error.code, fields: error.fields ?? {} }) : null;
    if (refusal) return { refusal };
    throw error;
  }
}
