import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RoomForm } from "@/components/visits/room-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { listVisitRooms } from "@/lib/visits/visit-rooms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("visits.rooms"))("title") };
}

/** The visit rooms and terminals of the actor's subtree, and a form to declare one for its own unit. */
export default async function VisitRoomsPage() {
  const actor = await requirePageActor("/visits/rooms");
  const [{ items }, t] = await Promise.all([listVisitRooms(actor), getTranslations("visits.rooms")]);
  const days = (hours: Record<string, Array<[string, string]>>) =>
    ["1", "2", "3", "4", "5", "6", "0"]
      .filter((d) => hours[d]?.length)
      .map((d) => `${t(`weekday${d}` as "weekday0")} ${hours[d]!.map(([a, b]) => `${a}–${b}`).join(", ")}`)
      .join("；");
  return (
    <>
      <PageHeader title={t("title")} description={t("intro")} />
      {items.length === 0 ? (
        <p className="mb-4 text-sm text-slate-600">{t("none")}</p>
      ) : (
        <ul className="mb-6 flex flex-col gap-2" data-testid="visit-rooms">
          {items.map((r) => (
            <li key={r.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
              <span className="font-medium">{r.unitName} · {r.name}</span>
              <span className="ml-2 text-slate-500">{r.kind === "terminal" ? t("kindTerminal") : t("kindRoom")} · {r.slotMinutes} min</span>
              <div className="text-slate-600">{days(r.openingHours)}</div>
              {r.closedDates.length > 0 && <div className="text-slate-500">{r.closedDates.join(", ")}</div>}
            </li>
          ))}
        </ul>
      )}
      {actor.role !== "inspector" && <RoomForm unitId={actor.unitId} />}
    </>
  );
}
