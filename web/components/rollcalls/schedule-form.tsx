"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { FormProblem, type Problem } from "@/components/forms/form-problem";
import { focusFirstInvalid } from "@/components/forms/focus-first-invalid";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-styles";
import { Field, controlProps } from "@/components/ui/field";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ScheduleUnitOption } from "@/lib/pages/roster-scope";
import type { RosterCandidate } from "@/lib/rollcalls/list-roster-candidates";
import { portalDateTime, portalWeekday, scheduleRule } from "@/lib/rollcalls/schedule-rule";
import { OccurrencePreview } from "./occurrence-preview";
import { RecurrenceFields } from "./recurrence-fields";
import { RosterPicker } from "./roster-picker";
import { checkSchedule, defaultScheduleValues, recurrenceOf, scheduleErrorsFrom, type ScheduleErrors, type ScheduleValues } from "./schedule-form-values";
import { useRollCallFieldError } from "./use-roll-call-field-error";

type Props = { units: ScheduleUnitOption[]; candidates: RosterCandidate[]; truncatedAt: number | null };

export function ScheduleForm({ units, candidates, truncatedAt }: Props) {
  const t = useTranslations("rollcall");
  const common = useTranslations("common");
  const errorText = useRollCallFieldError();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<ScheduleValues>(() => defaultScheduleValues(units[0]?.id ?? ""));
  const [errors, setErrors] = useState<ScheduleErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const unit = units.find((u) => u.id === values.unitId);
  const inUnit = unit ? candidates.filter((c) => unit.subtreeIds.includes(c.unitId)) : [];
  const startsAt = portalDateTime(values.date, values.time);
  const rule = startsAt ? scheduleRule(new Date(startsAt), recurrenceOf(values)) : null;

  function change(patch: Partial<ScheduleValues>) {
    setValues((current) => {
      const next = { ...current, ...patch };
      // A roster only holds persons of the chosen unit's subtree.
      if (patch.unitId !== undefined) {
        const scope = new Set(units.find((u) => u.id === patch.unitId)?.subtreeIds ?? []);
        const allowed = new Set(candidates.filter((c) => scope.has(c.unitId)).map((c) => c.id));
        next.personIds = next.personIds.filter((id) => allowed.has(id));
      }
      // Weekly starts on the start date's weekday until the officer picks days.
      if (next.repeat === "weekly" && next.weekdays.length === 0 && patch.repeat === "weekly" && startsAtOf(next)) {
        next.weekdays = [portalWeekday(new Date(startsAtOf(next)!))];
      }
      return next;
    });
    // The officer is fixing it: drop those fields' errors until the next check.
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(patch)) delete next[key as keyof ScheduleErrors];
      if ("repeat" in patch || "endKind" in patch) delete next.rrule;
      return next;
    });
  }

  function show(found: ScheduleErrors) {
    setErrors(found);
    setProblem({ kind: "fields" });
    focusFirstInvalid(formRef.current);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    const checked = checkSchedule(values);
    if (!checked.ok) return show(checked.errors);
    setErrors({});
    setBusy(true);
    const result = await apiFetch<{ items: Array<{ id: string }> }>("POST", "/api/v1/rollcalls", checked.body);
    if (result.ok) {
      // Busy stays on until the next page shows: no second click can schedule twice.
      router.push(`/rollcalls/${result.data.items[0]!.id}?created=${result.data.items.length}`);
      return;
    }
    setBusy(false);
    const found = scheduleErrorsFrom(result.error.fields);
    if (result.error.status === 401) setProblem({ kind: "session" });
    else if (Object.keys(found).length > 0) show(found);
    else setProblem({ kind: "api", error: result.error });
  }

  const err = (field: keyof ScheduleErrors) => errorText(errors[field]);
  const section = "grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2";
  const legend = "px-1 text-sm font-semibold text-slate-700";

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-5" aria-busy={busy || undefined}>
      {problem && <FormProblem problem={problem} />}
      <fieldset className={section}>
        <legend className={legend}>{t("form.sectionWhen")}</legend>
        <Field id="title" label={t("field.title")} error={err("title")} required className="sm:col-span-2">
          <input {...controlProps("title", err("title"))} value={values.title} onChange={(e) => change({ title: e.target.value })} autoComplete="off" maxLength={60} />
        </Field>
        <Field id="unitId" label={t("field.unit")} error={err("unitId")} required className="sm:col-span-2">
          <select {...controlProps("unitId", err("unitId"))} value={values.unitId} onChange={(e) => change({ unitId: e.target.value })}>
            {units.map((option) => (
              <option key={option.id} value={option.id}>
                {option.parentName && option.level === 5 ? `${option.name}（${option.parentName}）` : option.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="date" label={t("field.date")} error={err("date")} required hint={t("hint.timeZone")}>
          <input {...controlProps("date", err("date"))} type="date" value={values.date} onChange={(e) => change({ date: e.target.value })} />
        </Field>
        <Field id="time" label={t("field.time")} error={err("time")} required hint={t("hint.timeZone")}>
          <input {...controlProps("time", err("time"))} type="time" value={values.time} onChange={(e) => change({ time: e.target.value })} />
        </Field>
        <Field id="graceMinutes" label={t("field.graceMinutes")} error={err("graceMinutes")} required hint={t("hint.graceMinutes")}>
          <input {...controlProps("graceMinutes", err("graceMinutes"))} type="number" inputMode="numeric" min={0} max={120} value={values.graceMinutes} onChange={(e) => change({ graceMinutes: e.target.value })} />
        </Field>
        <Field id="durationMinutes" label={t("field.durationMinutes")} error={err("durationMinutes")} required hint={t("hint.durationMinutes")}>
          <input {...controlProps("durationMinutes", err("durationMinutes"))} type="number" inputMode="numeric" min={5} max={480} value={values.durationMinutes} onChange={(e) => change({ durationMinutes: e.target.value })} />
        </Field>
        <label className="flex min-h-11 items-start gap-3 text-sm text-slate-800 sm:col-span-2">
          <input type="checkbox" className="mt-0.5 size-5 shrink-0 accent-brand-600" checked={values.livenessEnabled} onChange={(e) => change({ livenessEnabled: e.target.checked })} />
          <span>{t("field.livenessEnabled")}</span>
        </label>
      </fieldset>

      <fieldset className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <legend className={legend}>{t("form.sectionRepeat")}</legend>
        <RecurrenceFields values={values} errors={errors} errorText={errorText} onChange={change} />
        <OccurrencePreview startsAt={startsAt} rrule={rule?.ok ? rule.rrule : undefined} errorText={errorText} />
      </fieldset>

      <fieldset className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <legend className={legend}>{t("form.sectionRoster")}</legend>
        <RosterPicker
          key={values.unitId}
          candidates={inUnit}
          selected={values.personIds}
          onChange={(personIds) => change({ personIds })}
          error={err("personIds")}
          truncatedAt={truncatedAt}
        />
      </fieldset>

      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Link href="/rollcalls" className={buttonClass("secondary")}>
          {common("cancel")}
        </Link>
        <Button type="submit" busy={busy}>
          {busy ? t("form.submitting") : t("form.submit")}
        </Button>
      </div>
    </form>
  );
}

function startsAtOf(values: ScheduleValues): string | null {
  return portalDateTime(values.date, values.time);
}
