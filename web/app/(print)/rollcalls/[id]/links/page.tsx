import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LinkSheet } from "@/components/rollcalls/link-sheet";
import { PrintToolbar } from "@/components/rollcalls/print-toolbar";
import { RollCallWindow } from "@/components/rollcalls/roll-call-window";
import { requirePageActor } from "@/lib/auth/page-actor";
import { orNotFound } from "@/lib/pages/or-not-found";
import { consoleRole } from "@/lib/rollcalls/console-role";
import { getRollCallDetail } from "@/lib/rollcalls/get-roll-call";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rollcall"))("print.linksTitle") };
}

/** All personal links of a roll call on paper, for officers who hand them out in person. */
export default async function RollCallLinksPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/rollcalls/${id}/links`);
  const rollCall = await orNotFound(getRollCallDetail(actor, id));
  // Only whoever runs the roll call holds its links (get-roll-call.ts gives nobody else any).
  if (consoleRole(actor, rollCall) !== "host") notFound();
  const t = await getTranslations("rollcall");
  const active = rollCall.entries.flatMap(({ link, ...entry }) => (entry.linkState === "active" && link ? [{ ...entry, link }] : []));
  return (
    <>
      <PrintToolbar backHref={`/rollcalls/${rollCall.id}`} backLabel={t("print.back")} printLabel={t("print.print")} />
      <header className="mb-4">
        <h1 className="text-xl font-bold">
          {t("print.linksTitle")} · {rollCall.title}
        </h1>
        <p className="text-sm">
          {rollCall.unitName} · <RollCallWindow startsAt={rollCall.startsAt} endsAt={rollCall.endsAt} />
        </p>
        <p className="mt-1 text-sm">{t("print.linksHint")}</p>
      </header>
      <LinkSheet items={active} failedText={t("detail.qrFailed")} />
    </>
  );
}
