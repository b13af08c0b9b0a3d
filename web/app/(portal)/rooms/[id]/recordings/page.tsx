import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RecordingFiles } from "@/components/recording-playback/recording-files";
import { RecordingPlayer } from "@/components/recording-playback/recording-player";
import { RoomTimeline } from "@/components/rooms/room-timeline";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { orNotFound } from "@/lib/pages/or-not-found";
import { roomTimeline } from "@/lib/pages/room-timeline";
import { viewRoomRecordings } from "@/lib/recordings/view-room-recordings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recording.playback"))("title") };
}

/** A room's recordings: the player (for those who may play), the files' records and the room's history beside them. */
export default async function RoomRecordingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/rooms/${id}/recordings`);
  const { room, items, mayPlay } = await orNotFound(viewRoomRecordings(actor, id));
  const t = await getTranslations("recording.playback");

  return (
    <>
      <nav className="mb-1 text-sm">
        <Link href={`/rooms/${room.id}`} className="inline-flex min-h-10 items-center text-slate-500 hover:text-brand-700 hover:underline">
          ← {t("back")}
        </Link>
      </nav>
      <PageHeader title={`${t("title")} · ${room.title}`} description={room.unitName} />
      <p className="mb-3 text-sm text-slate-500">{t("audited")}</p>
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-3">
        <div className="flex min-w-0 flex-col gap-5 lg:col-span-2">
          <Card>
            {mayPlay ? (
              <RecordingPlayer items={items} />
            ) : (
              <div data-testid="playback-not-allowed">
                <Alert tone="info">{t("noPlayer")}</Alert>
              </div>
            )}
          </Card>
          <Card title={t("files")}>
            <RecordingFiles items={items} mayDownload={mayPlay} />
          </Card>
        </div>
        <Card title={t("history")}>
          <RoomTimeline entries={roomTimeline(room.events)} />
        </Card>
      </div>
    </>
  );
}
