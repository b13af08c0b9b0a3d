"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { EnumOptions } from "@/components/forms/enum-options";
import { FormProblem, type Problem } from "@/components/forms/form-problem";
import { focusFirstInvalid } from "@/components/forms/focus-first-invalid";
import { useFieldErrorText } from "@/components/forms/use-field-error-text";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-styles";
import { Field, controlProps } from "@/components/ui/field";
import { apiFetch } from "@/lib/client/api-fetch";
import { fieldErrorsFrom } from "@/lib/http/field-errors";
import type { UnitOption } from "@/lib/pages/unit-options";
import { ZGender, ZPersonCreate, ZPersonStatus, ZPersonUpdate, ZSupervisionType, type TPerson } from "@/lib/schemas/persons";
import {
  emptyPersonValues,
  personValuesFrom,
  toCreateBody,
  toUpdateBodies,
  type PersonField,
  type PersonFormValues,
} from "./person-form-values";

type Props = { offices: UnitOption[] } & ({ mode: "create" } | { mode: "edit"; person: TPerson });

const FIELDS = new Set<string>(Object.keys(emptyPersonValues()));

export function PersonForm(props: Props) {
  const t = useTranslations();
  const fieldErrorText = useFieldErrorText();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [initial] = useState<PersonFormValues>(() =>
    props.mode === "edit" ? personValuesFrom(props.person) : emptyPersonValues(props.offices.length === 1 ? props.offices[0]!.id : ""),
  );
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<PersonField, string>>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const personId = props.mode === "edit" ? props.person.id : null;

  const set = (field: PersonField) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setValues((current) => ({ ...current, [field]: value }));
    // The officer is fixing it: drop that field's error until the next check.
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  };

  function showFieldErrors(fields: Record<string, string>) {
    const known: Partial<Record<PersonField, string>> = {};
    for (const [key, code] of Object.entries(fields)) {
      if (!FIELDS.has(key)) continue;
      const field = key as PersonField;
      // An untouched select or date reads better as "required" than "invalid choice/format".
      known[field] = values[field].trim() === "" && code !== "required" ? "required" : code;
    }
    setErrors(known);
    focusFirstInvalid(formRef.current);
    return Object.keys(known).length > 0;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    const update = props.mode === "edit" ? toUpdateBodies(values, initial, props.person.version) : null;
    // The same schema the server applies, so the officer hears about mistakes before sending.
    const body = update ? update.full : toCreateBody(values);
    const checked = update ? ZPersonUpdate.safeParse(body) : ZPersonCreate.safeParse(body);
    if (!checked.success) {
      const fields = fieldErrorsFrom(checked.error, body);
      // zod skips the date-order rule while other fields fail; say it now rather than next round.
      if (values.startDate && values.endDate && values.endDate < values.startDate) fields.endDate ??= "end_before_start";
      showFieldErrors(fields);
      setProblem({ kind: "fields" });
      return;
    }
    setErrors({});
    if (update && !update.hasChanges) {
      router.push(`/persons/${personId}`);
      return;
    }
    setBusy(true);
    const result = update
      ? await apiFetch<TPerson>("PATCH", `/api/v1/persons/${personId}`, update.changed)
      : await apiFetch<TPerson>("POST", "/api/v1/persons", checked.data);
    if (result.ok) {
      // Busy stays on until the next page shows: no second click can register the person twice.
      router.push(`/persons/${result.data.id}?saved=1`);
      return;
    }
    setBusy(false);
    const { error } = result;
    if (error.fields.version === "stale") setProblem({ kind: "stale" });
    else if (error.status === 401) setProblem({ kind: "session" });
    else if (showFieldErrors(error.fields)) setProblem({ kind: "fields" });
    else setProblem({ kind: "api", error });
  }

  const err = (field: PersonField) => fieldErrorText(errors[field]);

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-5" aria-busy={busy || undefined}>
      {problem && <FormProblem problem={problem} reloadHref={personId ? `/persons/${personId}` : undefined} />}
      <fieldset className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2">
        <legend className="px-1 text-sm font-semibold text-slate-700">{t("persons.section.identity")}</legend>
        <Field id="name" label={t("persons.field.name")} error={err("name")} required>
          <input {...controlProps("name", err("name"))} value={values.name} onChange={set("name")} autoComplete="off" />
        </Field>
        <Field id="gender" label={t("persons.field.gender")} error={err("gender")} required>
          <select {...controlProps("gender", err("gender"))} value={values.gender} onChange={set("gender")}>
            <option value="">{t("common.choose")}</option>
            <EnumOptions values={ZGender.options} label={(gender) => t(`gender.${gender}`)} />
          </select>
        </Field>
        <Field
          id="idNumber"
          label={t("persons.field.idNumber")}
          error={err("idNumber")}
          required={props.mode === "create"}
          hint={props.mode === "edit" ? t("persons.form.idNumberKeep", { masked: props.person.idNumberMasked }) : t("persons.form.idNumberHint")}
        >
          <input
            {...controlProps("idNumber", err("idNumber"))}
            value={values.idNumber}
            onChange={set("idNumber")}
            autoComplete="off"
            spellCheck={false}
            className={`${controlProps("idNumber", err("idNumber")).className} font-mono`}
          />
        </Field>
        <Field id="phone" label={t("persons.field.phone")} error={err("phone")} required>
          <input {...controlProps("phone", err("phone"))} type="tel" inputMode="tel" value={values.phone} onChange={set("phone")} autoComplete="off" />
        </Field>
        <Field id="address" label={t("persons.field.address")} error={err("address")} className="sm:col-span-2">
          <input {...controlProps("address", err("address"))} value={values.address} onChange={set("address")} autoComplete="off" />
        </Field>
      </fieldset>

      <fieldset className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2">
        <legend className="px-1 text-sm font-semibold text-slate-700">{t("persons.section.supervision")}</legend>
        <Field id="unitId" label={t("persons.field.office")} error={err("unitId")} required className="sm:col-span-2">
          <select {...controlProps("unitId", err("unitId"))} value={values.unitId} onChange={set("unitId")}>
            <option value="">{t("common.choose")}</option>
            {props.offices.map((office) => (
              <option key={office.id} value={office.id}>
                {office.parentName ? t("persons.form.officeOption", { office: office.name, parent: office.parentName }) : office.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="supervisionType" label={t("persons.field.supervisionType")} error={err("supervisionType")} required>
          <select {...controlProps("supervisionType", err("supervisionType"))} value={values.supervisionType} onChange={set("supervisionType")}>
            <option value="">{t("common.choose")}</option>
            <EnumOptions values={ZSupervisionType.options} label={(type) => t(`supervisionType.${type}`)} />
          </select>
        </Field>
        <Field id="status" label={t("persons.field.status")} error={err("status")} required>
          <select {...controlProps("status", err("status"))} value={values.status} onChange={set("status")}>
            <EnumOptions values={ZPersonStatus.options} label={(status) => t(`status.${status}`)} />
          </select>
        </Field>
        <Field id="startDate" label={t("persons.field.startDate")} error={err("startDate")} required>
          <input {...controlProps("startDate", err("startDate"))} type="date" value={values.startDate} onChange={set("startDate")} />
        </Field>
        <Field id="endDate" label={t("persons.field.endDate")} error={err("endDate")} required>
          <input {...controlProps("endDate", err("endDate"))} type="date" value={values.endDate} onChange={set("endDate")} />
        </Field>
        <Field id="notes" label={t("persons.field.notes")} error={err("notes")} className="sm:col-span-2">
          <textarea {...controlProps("notes", err("notes"))} rows={3} value={values.notes} onChange={set("notes")} />
        </Field>
      </fieldset>

      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Link href={personId ? `/persons/${personId}` : "/persons"} className={buttonClass("secondary")}>
          {t("common.cancel")}
        </Link>
        <Button type="submit" busy={busy}>
          {busy ? t("common.saving") : props.mode === "create" ? t("persons.form.create") : t("common.save")}
        </Button>
      </div>
    </form>
  );
}
