import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ExportPanel } from "@/components/recording-playback/export-panel";
import { RecordingFiles } from "@/components/recording-playback/recording-files";
import { RecordingPlayer } from "@/components/recording-playback/recording-player";
import { SessionTimelineList } from "@/components/recording-playback/session-timeline-list";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { orNotFound } from "@/lib/pages/or-not-found";
import { getRoomExport } from "@/lib/recordings/export/get-room-export";
import { viewRoomRecordings } from "@/lib/recordings/view-room-recordings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recording.playback"))("title") };
}

/** A room's recordings: the player with the session's record beside it (for those who may play; the record alone for the others), then the files' records. */
export default async function RoomRecordingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/rooms/${id}/recordings`);
  const { room, items, timeline, mayPlay } = await orNotFound(viewRoomRecordings(actor, id));
  const t = await getTranslations("recording.playback");
  const tTimeline = await getTranslations("recording.timeline");
  const tExport = await getTranslations("recording.export");
  const latestExport = mayPlay && items.some((item) => !item.deletedAt) ? (await getRoomExport(actor, id)).export : undefined;

  return (
    <>
      <nav className="mb-1 text-sm">
        <Link href={`/rooms/${room.id}`} className="inline-flex min-h-10 items-center text-slate-500 hover:text-brand-700 hover:underline">
          ← {t("back")}
        </Link>
      </nav>
      <PageHeader title={`${t("title")} · ${room.title}`} description={room.unitName} />
      <p className="mb-3 text-sm text-slate-500">{t("audited")}</p>
      <div className="flex min-w-0 flex-col gap-5">
        {mayPlay ? (
          <Card>
            <RecordingPlayer items={items} timeline={timeline} />
          </Card>
        ) : (
          <>
            <div data-testid="playback-not-allowed">
              <Alert tone="info">{t("noPlayer")}</Alert>
            </div>
            <Card title={tTimeline("title")}>
              <SessionTimelineList events={timeline} startedAt={null} totalMs={0} positionMs={0} />
            </Card>
          </>
        )}
        {latestExport !== undefined && (
          <Card title={tExport("title")}>
            <ExportPanel roomId={room.id} initial={latestExport} />
          </Card>
        )}
        <Card title={t("files")}>
          <RecordingFiles items={items} mayDownload={mayPlay} />
        </Card>
      </div>
    </>
  );
}
