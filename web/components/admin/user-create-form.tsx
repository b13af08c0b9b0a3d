"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { EnumOptions } from "@/components/forms/enum-options";
import { focusFirstInvalid } from "@/components/forms/focus-first-invalid";
import { FormProblem, type Problem } from "@/components/forms/form-problem";
import { useFieldErrorText } from "@/components/forms/use-field-error-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, controlProps } from "@/components/ui/field";
import { UnitSelectOptions } from "@/components/units/unit-select-options";
import { apiFetch } from "@/lib/client/api-fetch";
import { fieldErrorsFrom } from "@/lib/http/field-errors";
import type { UnitOption } from "@/lib/pages/unit-options";
import { ZRole, ZUserCreate, type TUser } from "@/lib/schemas/users";

const EMPTY = { username: "", displayName: "", role: "officer", unitId: "", password: "" };
type Values = typeof EMPTY;

export function UserCreateForm({ units, baseLevel }: { units: UnitOption[]; baseLevel: number }) {
  const t = useTranslations();
  const fieldErrorText = useFieldErrorText();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [created, setCreated] = useState<TUser | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: keyof Values) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setValues((current) => ({ ...current, [field]: value }));
    setErrors(({ [field]: _dropped, ...rest }) => rest);
  };

  function showErrors(fields: Record<string, string>) {
    const known = Object.fromEntries(
      Object.entries(fields)
        .filter(([key]) => key in EMPTY)
        .map(([key, code]) => [key, values[key as keyof Values].trim() === "" && code !== "required" ? "required" : code]),
    );
    setErrors(known);
    focusFirstInvalid(formRef.current);
    return Object.keys(known).length > 0;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    setCreated(null);
    const body = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ""));
    const checked = ZUserCreate.safeParse(body);
    if (!checked.success) {
      showErrors(fieldErrorsFrom(checked.error, body));
      setProblem({ kind: "fields" });
      return;
    }
    setBusy(true);
    const result = await apiFetch<TUser>("POST", "/api/v1/users", checked.data);
    setBusy(false);
    if (result.ok) {
      setValues(EMPTY);
      setErrors({});
      setCreated(result.data);
      router.refresh();
      return;
    }
    if (result.error.status === 401) setProblem({ kind: "session" });
    else if (showErrors(result.error.fields)) setProblem({ kind: "fields" });
    else setProblem({ kind: "api", error: result.error });
  }

  const err = (field: keyof Values) => fieldErrorText(errors[field]);
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-4">
      {created && <Alert tone="success">{t("admin.users.created", { name: created.displayName, username: created.username })}</Alert>}
      {problem && <FormProblem problem={problem} />}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field id="username" label={t("admin.users.field.username")} error={err("username")} hint={t("admin.users.usernameHint")} required>
          <input {...controlProps("username", err("username"))} value={values.username} onChange={set("username")} autoComplete="off" autoCapitalize="none" spellCheck={false} />
        </Field>
        <Field id="displayName" label={t("admin.users.field.displayName")} error={err("displayName")} required>
          <input {...controlProps("displayName", err("displayName"))} value={values.displayName} onChange={set("displayName")} autoComplete="off" />
        </Field>
        <Field id="role" label={t("admin.users.field.role")} error={err("role")} required>
          <select {...controlProps("role", err("role"))} value={values.role} onChange={set("role")}>
            <EnumOptions values={ZRole.options} label={(role) => t(`role.${role}`)} />
          </select>
        </Field>
        <Field id="unitId" label={t("admin.users.field.unit")} error={err("unitId")} required>
          <select {...controlProps("unitId", err("unitId"))} value={values.unitId} onChange={set("unitId")}>
            <option value="">{t("common.choose")}</option>
            <UnitSelectOptions units={units} baseLevel={baseLevel} />
          </select>
        </Field>
        <Field id="password" label={t("admin.users.field.password")} error={err("password")} hint={t("admin.users.passwordHint")} required className="sm:col-span-2">
          <input {...controlProps("password", err("password"))} type="password" value={values.password} onChange={set("password")} autoComplete="new-password" />
        </Field>
      </div>
      <div className="flex justify-end">
        <Button type="submit" busy={busy}>
          {busy ? t("common.saving") : t("admin.users.createSubmit")}
        </Button>
      </div>
    </form>
  );
}
