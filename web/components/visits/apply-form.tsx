"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, controlProps } from "@/components/ui/field";
import { apiFetch } from "@/lib/client/api-fetch";
import { readAsBase64 } from "@/lib/client/read-as-base64";
import { PROOF_MAX_BYTES, ZRelationship } from "@/lib/schemas/visits";
import { SlotPicker } from "./slot-picker";
import { useVisitErrorText } from "./use-visit-error-text";

export interface ApplyOptions {
  facilities: Array<{ id: string; name: string; kind: string }>;
  rooms: Array<{ id: string; name: string; unitName: string }>;
}

const RELATIONSHIPS = ZRelationship.options;
type CoVisitor = { name: string; idNumber: string; relationship: string };

/** The family's application, phone first: one column, big targets, nothing lost on an error. */
export function ApplyForm({ options }: { options: ApplyOptions }) {
  const t = useTranslations("visits.apply");
  const tr = useTranslations("visits.relationship");
  const errorText = useVisitErrorText();
  const [form, setForm] = useState({ name: "", idNumber: "", phone: "", relationship: "parent", heldPersonName: "", facilityId: "", roomId: "" });
  const [fromHome, setFromHome] = useState(false);
  const [slots, setSlots] = useState<string[]>([]);
  const [coVisitors, setCoVisitors] = useState<CoVisitor[]>([]);
  const [proof, setProof] = useState<File | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ code: string; statusUrl: string } | null>(null);

  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const err = (key: string) => (key === "proofBase64" && fields[key] === "too_long" ? t("proofTooLarge") : errorText(fields[key]));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    if (proof && proof.size > PROOF_MAX_BYTES) {
      setFields({ proofBase64: "too_long" });
      return;
    }
    setBusy(true);
    const body = {
      ...form,
      fromHome,
      roomId: fromHome ? undefined : form.roomId || undefined,
      facilityId: form.facilityId,
      preferredSlots: slots,
      coVisitors,
      proofBase64: proof ? await readAsBase64(proof) : "",
    };
    const result = await apiFetch<{ code: string; statusUrl: string }>("POST", "/api/v1/visit/apply", body);
    setBusy(false);
    if (result.ok) {
      setDone(result.data);
      return;
    }
    setFields(result.error.fields);
    if (result.error.status === 0) setProblem(t("network"));
    else if (result.error.status === 429) setProblem(t("rateLimited", { seconds: result.error.retryAfterSeconds ?? 60 }));
    else setProblem(Object.keys(result.error.fields).length ? t("fix") : result.error.message);
  }

  if (done) {
    return (
      <section className="flex flex-col gap-3 rounded-lg bg-white p-4 shadow-sm" data-testid="apply-done">
        <h2 className="text-lg font-semibold text-emerald-700">{t("done")}</h2>
        <p className="text-sm text-slate-600">{t("yourCode")}</p>
        <p className="font-mono text-2xl tracking-widest" data-testid="application-code">
          {done.code}
        </p>
        <p className="text-sm text-slate-600">{t("keepCode")}</p>
        <Link href={done.statusUrl} className="inline-flex min-h-11 items-center justify-center rounded-md bg-brand-600 px-4 font-medium text-white">
          {t("openStatus")}
        </Link>
      </section>
    );
  }

  const text = (id: keyof typeof form, label: string, extra: Record<string, unknown> = {}) => (
    <Field id={id} label={label} error={err(id)} required>
      <input {...controlProps(id, err(id))} value={form[id]} onChange={(e) => set(id)(e.target.value)} {...extra} />
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5" data-testid="apply-form">
      <fieldset className="flex flex-col gap-3 rounded-lg bg-white p-4 shadow-sm">
        <legend className="px-1 text-base font-semibold">{t("applicant")}</legend>
        {text("name", t("name"), { autoComplete: "name" })}
        <Field id="idNumber" label={t("idNumber")} hint={t("idNumberHint")} error={err("idNumber")} required>
          <input {...controlProps("idNumber", err("idNumber"))} value={form.idNumber} onChange={(e) => set("idNumber")(e.target.value)} maxLength={18} autoComplete="off" />
        </Field>
        {text("phone", t("phone"), { inputMode: "tel", autoComplete: "tel" })}
        <Field id="relationship" label={t("relationship")} error={err("relationship")} required>
          <select {...controlProps("relationship", err("relationship"))} value={form.relationship} onChange={(e) => set("relationship")(e.target.value)}>
            {RELATIONSHIPS.map((r) => (
              <option key={r} value={r}>
                {tr(r)}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>

      <fieldset className="flex flex-col gap-3 rounded-lg bg-white p-4 shadow-sm">
        <legend className="px-1 text-base font-semibold">{t("held")}</legend>
        {text("heldPersonName", t("heldName"))}
        <Field id="facilityId" label={t("facility")} error={err("facilityId")} required>
          <select {...controlProps("facilityId", err("facilityId"))} value={form.facilityId} onChange={(e) => set("facilityId")(e.target.value)}>
            <option value="">{t("choose")}</option>
            {options.facilities.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </Field>
        <div role="radiogroup" aria-label={t("where")} className="flex flex-wrap gap-4 text-sm">
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="where" checked={!fromHome} onChange={() => { setFromHome(false); setSlots([]); }} /> {t("atRoom")}
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="where" checked={fromHome} onChange={() => { setFromHome(true); setSlots([]); }} /> {t("fromHome")}
          </label>
        </div>
        {!fromHome && (
          <Field id="roomId" label={t("room")} error={err("roomId")} required>
            <select {...controlProps("roomId", err("roomId"))} value={form.roomId} onChange={(e) => { set("roomId")(e.target.value); setSlots([]); }}>
              <option value="">{t("choose")}</option>
              {options.rooms.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.unitName} · {r.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id="preferredSlots" label={t("slots")} hint={t("slotsHint")} error={err("preferredSlots")} required>
          <SlotPicker
            source={fromHome ? (form.facilityId ? { facilityId: form.facilityId } : null) : form.roomId ? { roomId: form.roomId } : null}
            selected={slots}
            onChange={setSlots}
            max={3}
            error={err("preferredSlots")}
          />
        </Field>
      </fieldset>

      <fieldset className="flex flex-col gap-3 rounded-lg bg-white p-4 shadow-sm">
        <legend className="px-1 text-base font-semibold">{t("coVisitors")}</legend>
        {coVisitors.map((v, i) => (
          <div key={i} className="flex flex-col gap-2 border-b border-slate-100 pb-3">
            <Field id={`co-${i}-name`} label={t("name")} error={errorText(fields[`coVisitors.${i}.name`])}>
              <input {...controlProps(`co-${i}-name`, fields[`coVisitors.${i}.name`])} value={v.name} onChange={(e) => setCoVisitors((list) => list.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
            </Field>
            <Field id={`co-${i}-id`} label={t("idNumber")} error={errorText(fields[`coVisitors.${i}.idNumber`])}>
              <input {...controlProps(`co-${i}-id`, fields[`coVisitors.${i}.idNumber`])} maxLength={18} value={v.idNumber} onChange={(e) => setCoVisitors((list) => list.map((x, j) => (j === i ? { ...x, idNumber: e.target.value } : x)))} />
            </Field>
            <Field id={`co-${i}-rel`} label={t("relationship")}>
              <select {...controlProps(`co-${i}-rel`, undefined)} value={v.relationship} onChange={(e) => setCoVisitors((list) => list.map((x, j) => (j === i ? { ...x, relationship: e.target.value } : x)))}>
                {RELATIONSHIPS.filter((r) => r !== "lawyer").map((r) => (
                  <option key={r} value={r}>
                    {tr(r)}
                  </option>
                ))}
              </select>
            </Field>
            <Button variant="secondary" onClick={() => setCoVisitors((list) => list.filter((_, j) => j !== i))}>
              {t("remove")}
            </Button>
          </div>
        ))}
        {errorText(fields.coVisitors) && <p className="text-sm text-red-700">{errorText(fields.coVisitors)}</p>}
        {coVisitors.length < 2 && (
          <Button variant="secondary" onClick={() => setCoVisitors((list) => [...list, { name: "", idNumber: "", relationship: "child" }])}>
            {t("addCoVisitor")}
          </Button>
        )}
      </fieldset>

      <fieldset className="flex flex-col gap-3 rounded-lg bg-white p-4 shadow-sm">
        <Field id="proofBase64" label={t("proof")} hint={t("proofHint")} error={err("proofBase64")} required>
          <input
            {...controlProps("proofBase64", err("proofBase64"))}
            type="file"
            accept="image/jpeg,image/png,image/webp,application/pdf"
            onChange={(e) => {
              const file = e.target.files?.[0] ?? null;
              setProof(file);
              setFields((f) => ({ ...f, proofBase64: file && file.size > PROOF_MAX_BYTES ? "too_long" : "" }));
            }}
          />
        </Field>
      </fieldset>

      {problem && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800" data-testid="apply-problem">
          {problem}
        </p>
      )}
      <Button type="submit" busy={busy} className="min-h-12 text-base">
        {busy ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
