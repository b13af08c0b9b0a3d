import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CloseRoomButton } from "@/components/rooms/close-room-button";
import { InviteLinks } from "@/components/rooms/invite-links";
import { AdmissionBadge, RoomStateBadge } from "@/components/rooms/room-badges";
import { RoomTimeline } from "@/components/rooms/room-timeline";
import { Alert } from "@/components/ui/alert";
import { BackLink } from "@/components/ui/back-link";
import { buttonClass } from "@/components/ui/button-styles";
import { Card } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { canHostRooms } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/pages/or-not-found";
import { roomTimeline } from "@/lib/pages/room-timeline";
import { getRoomDetail } from "@/lib/rooms/get-room-or-throw";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rooms"))("detailTitle") };
}

export default async function RoomPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const actor = await requirePageActor(`/rooms/${id}`);
  const room = await orNotFound(getRoomDetail(actor, id));
  const { created } = await searchParams;
  const [t, format, tRecording] = await Promise.all([getTranslations("rooms"), getFormatter(), getTranslations("recording.playback")]);
  const dateTime = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const canHost = canHostRooms(actor.role);
  const open = room.state === "open";

  return (
    <>
      <BackLink href="/rooms" label={t("backToList")} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {room.title} <RoomStateBadge state={room.state} />
            {room.requiresAdmission && <AdmissionBadge />}
          </span>
        }
        description={room.unitName}
        actions={
          <>
            {open && (
              <>
                <Link href={`/rooms/${room.id}/call`} className={buttonClass("primary")}>
                  {canHost ? t("enter") : t("enterObserver")}
                </Link>
                {canHost && <CloseRoomButton roomId={room.id} />}
              </>
            )}
            <Link href={`/rooms/${room.id}/recordings`} className={buttonClass("secondary")} data-testid="room-recordings-link">
              {tRecording("open")}
            </Link>
          </>
        }
      />
      {created === "1" && open && (
        <div className="mb-4">
          <Alert tone="success">{t("created", { title: room.title })}</Alert>
        </div>
      )}
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
        <div className="flex flex-col gap-5">
          {open && canHost && room.hostLink && room.guestLink && (
            <Card title={t("links")}>
              <InviteLinks hostLink={room.hostLink} guestLink={room.guestLink} />
            </Card>
          )}
          <Card title={t("detailTitle")}>
            <DescriptionList
              items={[
                { label: t("field.unit"), value: room.unitName },
                { label: t("field.createdBy"), value: room.createdBy },
                { label: t("field.createdAt"), value: dateTime(room.createdAt) },
                { label: t("field.closedAt"), value: room.closedAt ? dateTime(room.closedAt) : "—" },
                { label: t("field.admission"), value: room.requiresAdmission ? t("admissionRequired") : t("admissionOpen") },
              ]}
            />
          </Card>
        </div>
        <Card title={t("history")}>
          <RoomTimeline entries={roomTimeline(room.events)} />
        </Card>
      </div>
    </>
  );
}
