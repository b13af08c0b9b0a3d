import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CallFlow } from "@/components/call/call-flow";
import { RoomClosedNotice } from "@/components/call/room-closed-notice";
import { requirePageActor } from "@/lib/auth/page-actor";
import { canHostRooms } from "@/lib/auth/permissions";
import { staffMediaUrl } from "@/lib/media/staff-media-url";
import { orNotFound } from "@/lib/pages/or-not-found";
import { findRoomInScope } from "@/lib/rooms/get-room-or-throw";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("join"))("title") };
}

/** Staff entering a room of their subtree from the portal: officers host, inspectors watch unseen. */
export default async function RoomCallPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/rooms/${id}/call`);
  const room = await orNotFound(findRoomInScope(actor, id));
  const backHref = `/rooms/${room.id}`;
  if (room.state !== "open") return <RoomClosedNotice backHref={backHref} />;
  return (
    <CallFlow
      target={{ kind: "room", roomId: room.id }}
      who={{ kind: "staff", name: actor.displayName, observer: !canHostRooms(actor.role) }}
      roomTitle={room.title}
      mediaUrl={staffMediaUrl(actor.unitPath)}
      backHref={backHref}
    />
  );
}
