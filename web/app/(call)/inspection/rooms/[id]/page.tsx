import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CallFlow } from "@/components/call/call-flow";
import { RoomClosedNotice } from "@/components/call/room-closed-notice";
import { requirePageActor } from "@/lib/auth/page-actor";
import { staffMediaUrl } from "@/lib/media/staff-media-url";
import { orNotFound } from "@/lib/pages/or-not-found";
import { findRoomInScope } from "@/lib/rooms/get-room-or-throw";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("inspection"))("title") };
}

/**
 * A live room opened from the inspection wall: unseen by default (observe grant, listed to
 * nobody); `?mode=speak` joins visibly after the node has told everyone 上级督察已进入. The
 * grants decide who may do which (lib/inspection/rules.ts); this page only offers them.
 */
export default async function InspectRoomPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ mode?: string }> }) {
  const { id } = await params;
  const speak = (await searchParams).mode === "speak";
  const actor = await requirePageActor(`/inspection/rooms/${id}`);
  const room = await orNotFound(findRoomInScope(actor, id));
  const t = await getTranslations("inspection");
  if (room.state !== "open") return <RoomClosedNotice backHref="/inspection" />;
  const maySpeak = actor.role !== "inspector" && room.unit.path !== actor.unitPath;
  return (
    <>
      <div className="flex flex-wrap items-center gap-2 bg-slate-800 px-3 py-2 text-sm" data-testid="inspection-bar">
        <span className={speak ? "font-medium text-amber-300" : "text-slate-200"}>{speak ? t("speaking") : t("watchingUnseen")}</span>
        <span className="text-slate-400">· {room.unit.name}</span>
        <span className="ml-auto flex flex-wrap gap-2">
          {!speak && maySpeak && (
            <Link href={`/inspection/rooms/${room.id}?mode=speak`} className="rounded-md bg-amber-500 px-3 py-1.5 font-medium text-slate-900 hover:bg-amber-400" title={t("speakHint")}>
              {t("speak")}
            </Link>
          )}
          <Link href="/inspection" className="rounded-md px-3 py-1.5 text-slate-200 hover:bg-white/10">{t("backToWall")}</Link>
        </span>
      </div>
      <CallFlow
        key={speak ? "speak" : "watch"}
        target={{ kind: "inspect", roomId: room.id, mode: speak ? "speak" : "watch" }}
        who={{ kind: "staff", name: actor.displayName, observer: !speak }}
        roomTitle={room.title}
        mediaUrl={staffMediaUrl(actor.unitPath)}
        backHref="/inspection"
      />
    </>
  );
}
