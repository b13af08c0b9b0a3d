"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";

export interface FreeSlot {
  startsAt: string;
  endsAt: string;
}

/** Free slots of a room (or a facility's terminals), grouped by day; up to `max` may be picked. */
export function SlotPicker({ source, selected, onChange, max, error }: {
  source: { roomId?: string; facilityId?: string } | null;
  selected: string[];
  onChange: (next: string[]) => void;
  max: number;
  error?: string | undefined;
}) {
  const t = useTranslations("visits.apply");
  const format = useFormatter();
  const [slots, setSlots] = useState<FreeSlot[] | null>(null);
  const query = source?.roomId ? `roomId=${source.roomId}` : source?.facilityId ? `facilityId=${source.facilityId}` : null;

  useEffect(() => {
    setSlots(null);
    if (!query) return;
    let live = true;
    void apiFetch<{ slots: FreeSlot[] }>("GET", `/api/v1/visit/slots?${query}`).then((result) => {
      if (live) setSlots(result.ok ? result.data.slots : []);
    });
    return () => {
      live = false;
    };
  }, [query]);

  if (!query) return null;
  if (slots === null) return <p className="text-sm text-slate-500">{t("loadingSlots")}</p>;
  if (slots.length === 0) return <p className="text-sm text-amber-700">{t("noSlots")}</p>;
  const byDay = new Map<string, FreeSlot[]>();
  for (const slot of slots.slice(0, 200)) {
    const day = format.dateTime(new Date(slot.startsAt), { month: "long", day: "numeric", weekday: "short", timeZone: "Asia/Shanghai" });
    byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }
  const toggle = (startsAt: string) =>
    onChange(selected.includes(startsAt) ? selected.filter((s) => s !== startsAt) : selected.length < max ? [...selected, startsAt] : selected);
  return (
    <div className="flex max-h-72 flex-col gap-3 overflow-y-auto rounded-md border border-slate-200 p-2" data-testid="slot-picker" aria-invalid={error ? true : undefined}>
      {[...byDay].map(([day, daySlots]) => (
        <fieldset key={day}>
          <legend className="mb-1 text-sm font-medium text-slate-700">{day}</legend>
          <div className="flex flex-wrap gap-2">
            {daySlots.map((slot) => {
              const on = selected.includes(slot.startsAt);
              return (
                <button
                  key={slot.startsAt}
                  type="button"
                  aria-pressed={on}
                  data-slot={slot.startsAt}
                  onClick={() => toggle(slot.startsAt)}
                  className={`min-h-11 rounded-md border px-3 text-sm tabular-nums ${on ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-800"}`}
                >
                  {format.dateTime(new Date(slot.startsAt), { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Shanghai" })}
                </button>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
