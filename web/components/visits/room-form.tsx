"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, controlProps } from "@/components/ui/field";
import { apiFetch } from "@/lib/client/api-fetch";
import { useVisitErrorText } from "./use-visit-error-text";

const DAYS = ["1", "2", "3", "4", "5", "6", "0"] as const;

/** Declares a visit room (a terminal at a facility) of the actor's own unit. */
export function RoomForm({ unitId }: { unitId: string }) {
  const t = useTranslations("visits.rooms");
  const router = useRouter();
  const errorText = useVisitErrorText();
  const [name, setName] = useState("");
  const [days, setDays] = useState<string[]>(["1", "2", "3", "4", "5"]);
  const [w1, setW1] = useState({ from: "09:00", to: "12:00" });
  const [w2, setW2] = useState({ from: "14:00", to: "17:00" });
  const [slot, setSlot] = useState("30");
  const [closed, setClosed] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    const windows = [[w1.from, w1.to], ...(w2.from && w2.to ? [[w2.from, w2.to]] : [])];
    const result = await apiFetch("POST", "/api/v1/visit-rooms", {
      unitId,
      name,
      openingHours: Object.fromEntries(days.map((d) => [d, windows])),
      slotMinutes: Number(slot),
      closedDates: closed.split(/[,，\s]+/).filter(Boolean),
    });
    setBusy(false);
    if (result.ok) {
      setName("");
      setFields({});
      router.refresh();
    } else {
      setFields(result.error.fields);
      setProblem(Object.keys(result.error.fields).length ? undefined : result.error.message);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="flex max-w-xl flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <Field id="room-name" label={t("name")} error={errorText(fields.name)} required>
        <input {...controlProps("room-name", fields.name)} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
      </Field>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("days")}</legend>
        <div className="flex flex-wrap gap-3 text-sm">
          {DAYS.map((d) => (
            <label key={d} className="flex min-h-10 items-center gap-1">
              <input type="checkbox" checked={days.includes(d)} onChange={() => setDays((list) => (list.includes(d) ? list.filter((x) => x !== d) : [...list, d]))} />
              {t(`weekday${d}` as "weekday0")}
            </label>
          ))}
        </div>
      </fieldset>
      {[
        [t("window"), w1, setW1],
        [t("window2"), w2, setW2],
      ].map(([label, w, setW], i) => {
        const value = w as typeof w1;
        const set = setW as typeof setW1;
        return (
          <fieldset key={i} className="flex items-center gap-2 text-sm">
            <legend className="mb-1 text-sm font-medium text-slate-700">{label as string}</legend>
            <input type="time" aria-label={`${label as string} from`} className="min-h-11 rounded-md border border-slate-300 px-2" value={value.from} onChange={(e) => set({ ...value, from: e.target.value })} />
            –
            <input type="time" aria-label={`${label as string} to`} className="min-h-11 rounded-md border border-slate-300 px-2" value={value.to} onChange={(e) => set({ ...value, to: e.target.value })} />
          </fieldset>
        );
      })}
      {errorText(fields.openingHours) && <p className="text-sm text-red-700">{errorText(fields.openingHours)}</p>}
      <Field id="room-slot" label={t("slot")} error={errorText(fields.slotMinutes)}>
        <input {...controlProps("room-slot", fields.slotMinutes)} type="number" min={1} max={240} value={slot} onChange={(e) => setSlot(e.target.value)} />
      </Field>
      <Field id="room-closed" label={t("closed")} error={errorText(Object.entries(fields).find(([k]) => k.startsWith("closedDates"))?.[1])}>
        <input {...controlProps("room-closed", undefined)} value={closed} onChange={(e) => setClosed(e.target.value)} placeholder="2027-01-01, 2027-02-17" />
      </Field>
      {problem && <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{problem}</p>}
      <Button type="submit" busy={busy} disabled={!name.trim() || days.length === 0}>
        {t("create")}
      </Button>
    </form>
  );
}
