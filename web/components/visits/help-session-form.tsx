"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, controlProps } from "@/components/ui/field";
import { apiFetch } from "@/lib/client/api-fetch";
import { SlotPicker } from "./slot-picker";
import { useVisitErrorText } from "./use-visit-error-text";

interface Options {
  persons: Array<{ id: string; name: string; facilityId: string; facilityName: string; expectedRelease: string | null }>;
  rooms: Array<{ id: string; name: string }>;
  terminals: Array<{ id: string; name: string; facilityId: string }>;
}

/** 远程帮教: a center books a session with a person about to be released into its area. */
export function HelpSessionForm({ options }: { options: Options }) {
  const t = useTranslations("visits.help");
  const errorText = useVisitErrorText();
  const [personId, setPersonId] = useState(options.persons[0]?.id ?? "");
  const [roomId, setRoomId] = useState(options.rooms[0]?.id ?? "");
  const [slot, setSlot] = useState<string[]>([]);
  const facilityId = options.persons.find((p) => p.id === personId)?.facilityId;
  const terminals = options.terminals.filter((x) => x.facilityId === facilityId);
  const [terminalId, setTerminalId] = useState("");
  const [socialWorker, setSocialWorker] = useState("");
  const [invitee, setInvitee] = useState({ name: "", phone: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<{ id: string } | null>(null);

  if (options.persons.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;
  if (done)
    return (
      <p className="text-emerald-700">
        {t("done")} · <Link className="underline" href={`/visits/${done.id}`}>{done.id.slice(0, 8)}</Link>
      </p>
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const result = await apiFetch<{ id: string }>("POST", "/api/v1/help-sessions", {
      heldPersonId: personId,
      roomId,
      terminalId: terminalId || terminals[0]?.id,
      startsAt: slot[0],
      socialWorker,
      invitees: invitee.name ? [{ name: invitee.name, relationship: "other_relative", phone: invitee.phone }] : [],
    });
    setBusy(false);
    if (result.ok) setDone(result.data);
    else setError(errorText(Object.values(result.error.fields)[0]) ?? result.error.message);
  }

  return (
    <form onSubmit={submit} noValidate className="flex max-w-xl flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <Field id="person" label={t("person")}>
        <select {...controlProps("person", undefined)} value={personId} onChange={(e) => setPersonId(e.target.value)}>
          {options.persons.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}（{p.facilityName}{p.expectedRelease ? ` · ${p.expectedRelease}` : ""}）
            </option>
          ))}
        </select>
      </Field>
      <Field id="room" label={t("room")}>
        <select {...controlProps("room", undefined)} value={roomId} onChange={(e) => { setRoomId(e.target.value); setSlot([]); }}>
          {options.rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="terminal" label={t("terminal")}>
        <select {...controlProps("terminal", undefined)} value={terminalId || terminals[0]?.id || ""} onChange={(e) => setTerminalId(e.target.value)}>
          {terminals.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="slot" label={t("startsAt")}>
        <SlotPicker source={roomId ? { roomId } : null} selected={slot} onChange={(next) => setSlot(next.slice(-1))} max={2} />
      </Field>
      <Field id="social" label={t("socialWorker")}>
        <input {...controlProps("social", undefined)} value={socialWorker} maxLength={80} onChange={(e) => setSocialWorker(e.target.value)} />
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">{t("invitee")}</legend>
        <input {...controlProps("invitee-name", undefined)} placeholder={t("inviteeName")} value={invitee.name} onChange={(e) => setInvitee((i) => ({ ...i, name: e.target.value }))} />
        <input {...controlProps("invitee-phone", undefined)} placeholder={t("inviteePhone")} inputMode="tel" value={invitee.phone} onChange={(e) => setInvitee((i) => ({ ...i, phone: e.target.value }))} />
      </fieldset>
      {error && <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{error}</p>}
      <Button type="submit" busy={busy} disabled={!slot[0] || !roomId}>
        {t("submit")}
      </Button>
    </form>
  );
}
