"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { EnumOptions } from "@/components/forms/enum-options";
import { focusFirstInvalid } from "@/components/forms/focus-first-invalid";
import { FormProblem, type Problem } from "@/components/forms/form-problem";
import { useFieldErrorText } from "@/components/forms/use-field-error-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-styles";
import { Field, controlProps } from "@/components/ui/field";
import { UnitSelectOptions } from "@/components/units/unit-select-options";
import { apiFetch } from "@/lib/client/api-fetch";
import { fieldErrorsFrom } from "@/lib/http/field-errors";
import type { UnitOption } from "@/lib/pages/unit-options";
import { ZRole, ZUserUpdate, type TUser } from "@/lib/schemas/users";

interface Props {
  user: TUser;
  units: UnitOption[];
  baseLevel: number;
  /** An admin cannot demote, move or deactivate itself (the server refuses it too). */
  isSelf: boolean;
}

export function UserEditForm({ user, units, baseLevel, isSelf }: Props) {
  const t = useTranslations();
  const fieldErrorText = useFieldErrorText();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  // The saved state comes from the server on every refresh, so "what changed" stays true after a save.
  const initial = { displayName: user.displayName, role: user.role as string, unitId: user.unitId, active: user.active };
  const [values, setValues] = useState({ ...initial, password: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const set = (field: "displayName" | "role" | "unitId" | "password") => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setValues((current) => ({ ...current, [field]: value }));
    setErrors(({ [field]: _dropped, ...rest }) => rest);
    setSaved(false);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    setSaved(false);
    // Only what changed: a blank password means "keep the current one".
    const body: Record<string, unknown> = {};
    if (values.displayName !== initial.displayName) body.displayName = values.displayName;
    if (values.role !== initial.role) body.role = values.role;
    if (values.unitId !== initial.unitId) body.unitId = values.unitId;
    if (values.active !== initial.active) body.active = values.active;
    if (values.password !== "") body.password = values.password;
    if (Object.keys(body).length === 0) {
      router.push("/admin/users");
      return;
    }
    const checked = ZUserUpdate.safeParse(body);
    if (!checked.success) {
      setErrors(fieldErrorsFrom(checked.error, body));
      focusFirstInvalid(formRef.current);
      setProblem({ kind: "fields" });
      return;
    }
    setBusy(true);
    const result = await apiFetch<TUser>("PATCH", `/api/v1/users/${user.id}`, checked.data);
    setBusy(false);
    if (result.ok) {
      setSaved(true);
      setValues((current) => ({ ...current, password: "" }));
      router.refresh();
      return;
    }
    const fields = result.error.fields;
    if (result.error.status === 401) setProblem({ kind: "session" });
    else if (Object.keys(fields).length > 0) {
      setErrors(fields);
      focusFirstInvalid(formRef.current);
      setProblem({ kind: "fields" });
    } else setProblem({ kind: "api", error: result.error });
  }

  const err = (field: string) => fieldErrorText(errors[field]);
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-4">
      {saved && <Alert tone="success">{t("admin.users.saved")}</Alert>}
      {problem && <FormProblem problem={problem} />}
      {isSelf && <Alert tone="info">{t("admin.users.selfNote")}</Alert>}
      <div className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2">
        <Field id="displayName" label={t("admin.users.field.displayName")} error={err("displayName")} required>
          <input {...controlProps("displayName", err("displayName"))} value={values.displayName} onChange={set("displayName")} autoComplete="off" />
        </Field>
        <Field id="role" label={t("admin.users.field.role")} error={err("role")} required>
          <select {...controlProps("role", err("role"))} value={values.role} onChange={set("role")} disabled={isSelf}>
            <EnumOptions values={ZRole.options} label={(role) => t(`role.${role}`)} />
          </select>
        </Field>
        <Field id="unitId" label={t("admin.users.field.unit")} error={err("unitId")} required className="sm:col-span-2">
          <select {...controlProps("unitId", err("unitId"))} value={values.unitId} onChange={set("unitId")} disabled={isSelf}>
            <UnitSelectOptions units={units} baseLevel={baseLevel} />
          </select>
        </Field>
        <Field id="password" label={t("admin.users.field.resetPassword")} error={err("password")} hint={t("admin.users.resetPasswordHint")} className="sm:col-span-2">
          <input {...controlProps("password", err("password"))} type="password" value={values.password} onChange={set("password")} autoComplete="new-password" />
        </Field>
        <label className="flex min-h-10 items-center gap-3 text-sm text-slate-800 sm:col-span-2">
          <input
            type="checkbox"
            className="size-5 accent-brand-600"
            checked={values.active}
            disabled={isSelf}
            onChange={(event) => {
              const active = event.target.checked;
              setValues((current) => ({ ...current, active }));
              setSaved(false);
            }}
          />
          <span>
            {t("admin.users.field.active")}
            <span className="block text-xs text-slate-500">{t("admin.users.activeHint")}</span>
          </span>
        </label>
      </div>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Link href="/admin/users" className={buttonClass("secondary")}>
          {t("common.back")}
        </Link>
        <Button type="submit" busy={busy}>
          {busy ? t("common.saving") : t("common.save")}
        </Button>
      </div>
    </form>
  );
}
