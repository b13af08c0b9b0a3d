import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { z } from "zod";
import type { ZRoom } from "@/lib/schemas/rooms";
import { CopyInviteButtons } from "./copy-invite-buttons";
import { AdmissionBadge, RoomStateBadge } from "./room-badges";

type Room = z.infer<typeof ZRoom>;

/** Open rooms first (the API orders them); hosts get the invite links at hand on open rooms. */
export function RoomList({ rooms, canHost }: { rooms: Room[]; canHost: boolean }) {
  const t = useTranslations("rooms");
  const format = useFormatter();
  if (rooms.length === 0) {
    return <p className="rounded-md border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500">{t("empty")}</p>;
  }
  return (
    <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white" data-testid="room-list">
      {rooms.map((room) => (
        <li key={room.id} className="flex flex-col gap-2 px-4 py-3 md:flex-row md:items-center md:justify-between" data-room-id={room.id}>
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/rooms/${room.id}`} className="font-medium text-brand-700 hover:underline">
                {room.title}
              </Link>
              <RoomStateBadge state={room.state} />
              {room.requiresAdmission && <AdmissionBadge />}
            </div>
            <p className="mt-0.5 text-xs text-slate-500">
              {t("createdLine", {
                unit: room.unitName,
                name: room.createdBy,
                at: format.dateTime(new Date(room.createdAt), { dateStyle: "medium", timeStyle: "short" }),
              })}
            </p>
          </div>
          {room.state === "open" && canHost && room.hostLink && room.guestLink && <CopyInviteButtons hostLink={room.hostLink} guestLink={room.guestLink} />}
        </li>
      ))}
    </ul>
  );
}
