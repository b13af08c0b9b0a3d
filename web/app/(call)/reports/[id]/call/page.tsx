import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CallFlow } from "@/components/call/call-flow";
import { requirePageActor } from "@/lib/auth/page-actor";
import { getDb } from "@/lib/db/client";
import { staffMediaUrl } from "@/lib/media/staff-media-url";
import { orNotFound } from "@/lib/pages/or-not-found";
import { NotFoundError } from "@/lib/errors";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reportCalls"))("title") };
}

/**
 * The report call's room: the calling center's officer hosts it; a called center's staff answer
 * (the grant endpoints decide; a page for anyone else is "not found").
 */
export default async function ReportCallRoomPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/reports/${id}/call`);
  const db = await getDb();
  const call = await orNotFound(
    db.reportCall.findFirst({ where: { id }, include: { centers: { where: { unitId: actor.unitId }, select: { id: true } } } }).then((c) => {
      if (!c || (c.unitId !== actor.unitId && c.centers.length === 0)) throw new NotFoundError("Report call not found");
      return c;
    }),
  );
  const host = call.unitId === actor.unitId;
  return (
    <CallFlow
      target={{ kind: "report", reportCallId: call.id, as: host ? "host" : "answer" }}
      who={{ kind: "staff", name: actor.displayName, observer: false }}
      roomTitle={call.title}
      mediaUrl={staffMediaUrl(actor.unitPath)}
      backHref={host ? `/reports/${call.id}` : "/"}
    />
  );
}
