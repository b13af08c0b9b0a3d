"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormProblem, type Problem } from "@/components/forms/form-problem";
import { useFieldErrorText } from "@/components/forms/use-field-error-text";
import { Button } from "@/components/ui/button";
import { Field, controlProps } from "@/components/ui/field";
import { apiFetch } from "@/lib/client/api-fetch";
import { fieldErrorsFrom } from "@/lib/http/field-errors";
import { ZUnitCreate, ZUnitUpdate, type TUnitNode } from "@/lib/schemas/units";

type Mode = { kind: "add"; parent: TUnitNode } | { kind: "rename"; unit: TUnitNode };

export function UnitNameForm({ mode, onCancel, onDone }: { mode: Mode; onCancel: () => void; onDone: (message: string) => void }) {
  const t = useTranslations("admin.units");
  const tLevel = useTranslations("unitLevel");
  const fieldErrorText = useFieldErrorText();
  const router = useRouter();
  const [name, setName] = useState(mode.kind === "rename" ? mode.unit.name : "");
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `unit-name-${mode.kind === "add" ? mode.parent.id : mode.unit.id}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    const body = mode.kind === "add" ? { name, parentId: mode.parent.id } : { name };
    const checked = mode.kind === "add" ? ZUnitCreate.safeParse(body) : ZUnitUpdate.safeParse(body);
    if (!checked.success) {
      setError(fieldErrorsFrom(checked.error, body).name ?? "invalid");
      return;
    }
    setBusy(true);
    const result =
      mode.kind === "add"
        ? await apiFetch("POST", "/api/v1/units", checked.data)
        : await apiFetch("PATCH", `/api/v1/units/${mode.unit.id}`, checked.data);
    setBusy(false);
    if (result.ok) {
      router.refresh();
      onDone(mode.kind === "add" ? t("added", { name: checked.data.name }) : t("renamed", { name: checked.data.name }));
      return;
    }
    const fields = result.error.fields;
    if (fields.name) setError(fields.name);
    else if (fields.parentId) setError(fields.parentId);
    else setProblem(result.error.status === 401 ? { kind: "session" } : { kind: "api", error: result.error });
  }

  const label =
    mode.kind === "add"
      ? t("childName", { parent: mode.parent.name, level: tLevel(String(Math.min(5, mode.parent.level + 1)) as "1" | "2" | "3" | "4" | "5") })
      : t("newName", { name: mode.unit.name });
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      {problem && <FormProblem problem={problem} />}
      <Field id={id} label={label} error={fieldErrorText(error)}>
        <input
          {...controlProps(id, fieldErrorText(error))}
          value={name}
          autoFocus
          onChange={(event) => {
            setName(event.target.value);
            setError(undefined);
          }}
        />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" busy={busy}>
          {busy ? t("saving") : mode.kind === "add" ? t("addSubmit") : t("renameSubmit")}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
