"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormProblem, type Problem } from "@/components/forms/form-problem";
import { Button } from "@/components/ui/button";
import { Field, controlProps } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { apiFetch } from "@/lib/client/api-fetch";
import { fieldErrorsFrom } from "@/lib/http/field-errors";
import { portalDateAndTime, portalDateTime } from "@/lib/rollcalls/schedule-rule";
import { ZRollCallUpdate } from "@/lib/schemas/rollcalls";
import { useRollCallFieldError } from "./use-roll-call-field-error";

type Editable = { id: string; title: string; startsAt: string; endsAt: string; graceMinutes: number; livenessEnabled: boolean; version: number };
type Field = "title" | "date" | "time" | "graceMinutes" | "durationMinutes";

function valuesOf(rollCall: Editable) {
  const { date, time } = portalDateAndTime(new Date(rollCall.startsAt));
  const duration = (new Date(rollCall.endsAt).getTime() - new Date(rollCall.startsAt).getTime()) / 60_000;
  return { title: rollCall.title, date, time, graceMinutes: String(rollCall.graceMinutes), durationMinutes: String(duration), livenessEnabled: rollCall.livenessEnabled };
}

/** Edit before the start, in a dialog; only what changed is sent, with the version it was based on. */
export function EditRollCall({ rollCall }: { rollCall: Editable }) {
  const t = useTranslations("rollcall");
  const common = useTranslations("common");
  const errorText = useRollCallFieldError();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [initial, setInitial] = useState(() => valuesOf(rollCall));
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  function start() {
    const fresh = valuesOf(rollCall);
    setInitial(fresh);
    setValues(fresh);
    setErrors({});
    setProblem(null);
    setOpen(true);
  }

  const set = (field: keyof typeof values) => (value: string | boolean) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    const startsAt = portalDateTime(values.date, values.time);
    const changed: Record<string, unknown> = { version: rollCall.version };
    if (values.title !== initial.title) changed.title = values.title;
    if (values.date !== initial.date || values.time !== initial.time) changed.startsAt = startsAt ?? "";
    if (values.graceMinutes !== initial.graceMinutes) changed.graceMinutes = values.graceMinutes === "" ? "" : Number(values.graceMinutes);
    if (values.durationMinutes !== initial.durationMinutes) changed.durationMinutes = values.durationMinutes === "" ? "" : Number(values.durationMinutes);
    if (values.livenessEnabled !== initial.livenessEnabled) changed.livenessEnabled = values.livenessEnabled;
    if (Object.keys(changed).length === 1) return setOpen(false);
    const checked = ZRollCallUpdate.safeParse(changed);
    if (!checked.success) return showFields(fieldErrorsFrom(checked.error, changed));
    setBusy(true);
    const result = await apiFetch("PATCH", `/api/v1/rollcalls/${rollCall.id}`, checked.data);
    setBusy(false);
    if (result.ok) {
      setOpen(false);
      router.replace(`/rollcalls/${rollCall.id}?saved=1`);
      router.refresh();
      return;
    }
    if (result.error.fields.version === "stale") setProblem({ kind: "stale" });
    else if (result.error.status === 401) setProblem({ kind: "session" });
    else if (!showFields(result.error.fields)) setProblem({ kind: "api", error: result.error });
  }

  function showFields(fields: Record<string, string>): boolean {
    const found: Partial<Record<Field, string>> = {};
    for (const [key, code] of Object.entries(fields)) {
      if (key === "startsAt") found.date = code;
      else if (["title", "graceMinutes", "durationMinutes"].includes(key)) found[key as Field] = code;
    }
    setErrors(found);
    if (Object.keys(found).length === 0) return false;
    setProblem({ kind: "fields" });
    return true;
  }

  const err = (field: Field) => errorText(errors[field]);
  return (
    <>
      <Button variant="secondary" onClick={start}>
        {t("detail.edit")}
      </Button>
      <ModalDialog open={open} onClose={() => setOpen(false)} title={t("detail.editTitle")} wide>
        <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-busy={busy || undefined}>
          {problem && <FormProblem problem={problem} reloadHref={`/rollcalls/${rollCall.id}`} />}
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Field id="edit-title" label={t("field.title")} error={err("title")} required className="sm:col-span-2">
              <input {...controlProps("edit-title", err("title"))} value={values.title} onChange={(e) => set("title")(e.target.value)} maxLength={60} autoComplete="off" />
            </Field>
            <Field id="edit-date" label={t("field.date")} error={err("date")} required hint={t("hint.timeZone")}>
              <input {...controlProps("edit-date", err("date"))} type="date" value={values.date} onChange={(e) => set("date")(e.target.value)} />
            </Field>
            <Field id="edit-time" label={t("field.time")} error={err("time")} required>
              <input {...controlProps("edit-time", err("time"))} type="time" value={values.time} onChange={(e) => set("time")(e.target.value)} />
            </Field>
            <Field id="edit-grace" label={t("field.graceMinutes")} error={err("graceMinutes")} required>
              <input {...controlProps("edit-grace", err("graceMinutes"))} type="number" inputMode="numeric" min={0} max={120} value={values.graceMinutes} onChange={(e) => set("graceMinutes")(e.target.value)} />
            </Field>
            <Field id="edit-duration" label={t("field.durationMinutes")} error={err("durationMinutes")} required>
              <input {...controlProps("edit-duration", err("durationMinutes"))} type="number" inputMode="numeric" min={5} max={480} value={values.durationMinutes} onChange={(e) => set("durationMinutes")(e.target.value)} />
            </Field>
            <label className="flex min-h-11 items-start gap-3 text-sm sm:col-span-2">
              <input type="checkbox" className="mt-0.5 size-5 shrink-0 accent-brand-600" checked={values.livenessEnabled} onChange={(e) => set("livenessEnabled")(e.target.checked)} />
              <span>{t("field.livenessEnabled")}</span>
            </label>
          </div>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" disabled={busy} onClick={() => setOpen(false)}>
              {common("cancel")}
            </Button>
            <Button type="submit" busy={busy}>
              {busy ? common("saving") : common("save")}
            </Button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}
