"use client";

import { useTranslations } from "next-intl";
import { Field, controlProps, errorId } from "@/components/ui/field";
import { WEEKDAYS, type Weekday } from "@/lib/rollcalls/schedule-rule";
import type { ScheduleErrors, ScheduleValues } from "./schedule-form-values";

type Props = {
  values: ScheduleValues;
  errors: ScheduleErrors;
  errorText: (key: string | undefined) => string | undefined;
  onChange: (patch: Partial<ScheduleValues>) => void;
};

/** None / weekly on chosen days / daily, ending on a date or after a number of times. */
export function RecurrenceFields({ values, errors, errorText, onChange }: Props) {
  const t = useTranslations("rollcall.repeat");
  const weekday = useTranslations("rollcall.weekday");
  const toggleDay = (day: Weekday) =>
    onChange({ weekdays: values.weekdays.includes(day) ? values.weekdays.filter((d) => d !== day) : [...values.weekdays, day] });
  const radio = "size-5 accent-brand-600";
  return (
    <div className="flex flex-col gap-4">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{t("label")}</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {(["none", "weekly", "daily"] as const).map((repeat) => (
            <label key={repeat} className="inline-flex min-h-11 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm has-checked:border-brand-500 has-checked:bg-brand-50">
              <input type="radio" name="repeat" value={repeat} className={radio} checked={values.repeat === repeat} onChange={() => onChange({ repeat })} />
              {t(repeat)}
            </label>
          ))}
        </div>
      </fieldset>
      {values.repeat === "weekly" && (
        <fieldset aria-describedby={errors.weekdays ? errorId("weekdays") : undefined}>
          <legend className="text-sm font-medium text-slate-700">{t("weekdays")}</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {WEEKDAYS.map((day) => (
              <label key={day} className="inline-flex min-h-11 min-w-14 items-center justify-center gap-1.5 rounded-md border border-slate-300 bg-white px-2 text-sm has-checked:border-brand-500 has-checked:bg-brand-50">
                <input type="checkbox" className="size-4 accent-brand-600" checked={values.weekdays.includes(day)} onChange={() => toggleDay(day)} aria-invalid={errors.weekdays ? true : undefined} />
                {weekday(day)}
              </label>
            ))}
          </div>
          {errors.weekdays && (
            <p id={errorId("weekdays")} className="mt-1 text-sm text-red-700" data-field-error="weekdays">
              {errorText(errors.weekdays)}
            </p>
          )}
        </fieldset>
      )}
      {values.repeat !== "none" && (
        <fieldset className="flex flex-col gap-2">
          <legend className="text-sm font-medium text-slate-700">{t("end")}</legend>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <div className="flex flex-col gap-2">
              <label className="inline-flex min-h-11 items-center gap-2 text-sm">
                <input type="radio" name="endKind" className={radio} checked={values.endKind === "count"} onChange={() => onChange({ endKind: "count" })} />
                {t("count")}
              </label>
              {values.endKind === "count" && (
                <Field id="count" label={t("countValue")} error={errorText(errors.count)}>
                  <input {...controlProps("count", errorText(errors.count))} type="number" inputMode="numeric" min={1} max={60} value={values.count} onChange={(e) => onChange({ count: e.target.value })} />
                </Field>
              )}
            </div>
            <div className="flex flex-col gap-2">
              <label className="inline-flex min-h-11 items-center gap-2 text-sm">
                <input type="radio" name="endKind" className={radio} checked={values.endKind === "until"} onChange={() => onChange({ endKind: "until" })} />
                {t("until")}
              </label>
              {values.endKind === "until" && (
                <Field id="until" label={t("untilDate")} error={errorText(errors.until)}>
                  <input {...controlProps("until", errorText(errors.until))} type="date" value={values.until} onChange={(e) => onChange({ until: e.target.value })} />
                </Field>
              )}
            </div>
          </div>
        </fieldset>
      )}
      {errors.rrule && (
        <p className="text-sm text-red-700" data-field-error="rrule">
          {errorText(errors.rrule)}
        </p>
      )}
    </div>
  );
}
